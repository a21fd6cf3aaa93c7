-- 0006 first-contact register (首谈登记, issue 6). Append-only and tamper-evident: each entry carries the SHA-256
-- of its own canonical content and the hash of the entry before it (prev_hash), so changing any stored entry breaks
-- the chain (`industrymap register verify`). The database itself refuses UPDATE and DELETE (triggers below), so the
-- application cannot change an entry even by mistake. Names and units are stored as text and hashed as text, so a
-- backup restored into the other engine still verifies.

CREATE TABLE first_contacts (
    seq           INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES units(id),
    unit          TEXT NOT NULL,
    investor      TEXT NOT NULL,
    investor_key  TEXT NOT NULL,
    project       TEXT NOT NULL,
    project_key   TEXT NOT NULL,
    amount_yi     TEXT,
    contacted_on  TEXT NOT NULL,
    note          TEXT,
    conflict_with INTEGER REFERENCES first_contacts(seq),
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    prev_hash     TEXT NOT NULL UNIQUE,
    hash          TEXT NOT NULL UNIQUE
);
CREATE INDEX first_contacts_keys ON first_contacts(investor_key, project_key);

CREATE TRIGGER first_contacts_no_update BEFORE UPDATE ON first_contacts
BEGIN
    SELECT RAISE(ABORT, 'first_contacts is append-only: an entry cannot be changed (首谈登记只能追加，不能修改)');
END;

CREATE TRIGGER first_contacts_no_delete BEFORE DELETE ON first_contacts
BEGIN
    SELECT RAISE(ABORT, 'first_contacts is append-only: an entry cannot be deleted (首谈登记只能追加，不能删除)');
END;
