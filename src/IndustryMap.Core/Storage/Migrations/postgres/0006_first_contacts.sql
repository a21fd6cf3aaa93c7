-- 0006 first-contact register (首谈登记, issue 6). Append-only and tamper-evident: each entry carries the SHA-256
-- of its own canonical content and the hash of the entry before it (prev_hash), so changing any stored entry breaks
-- the chain (`industrymap register verify`). The database itself refuses UPDATE, DELETE and TRUNCATE (triggers
-- below), so the application cannot change an entry even by mistake. Names and units are stored as text and hashed
-- as text, so a backup restored into the other engine still verifies.

CREATE TABLE first_contacts (
    seq           BIGINT PRIMARY KEY,
    unit_id       BIGINT NOT NULL REFERENCES units(id),
    unit          TEXT NOT NULL,
    investor      TEXT NOT NULL,
    investor_key  TEXT NOT NULL,
    project       TEXT NOT NULL,
    project_key   TEXT NOT NULL,
    amount_yi     NUMERIC,
    contacted_on  TEXT NOT NULL,
    note          TEXT,
    conflict_with BIGINT REFERENCES first_contacts(seq),
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    prev_hash     TEXT NOT NULL UNIQUE,
    hash          TEXT NOT NULL UNIQUE
);
CREATE INDEX first_contacts_keys ON first_contacts(investor_key, project_key);

CREATE FUNCTION first_contacts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'first_contacts is append-only: an entry cannot be changed or deleted (首谈登记只能追加，不能修改或删除)'
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER first_contacts_no_update_delete BEFORE UPDATE OR DELETE ON first_contacts
    FOR EACH ROW EXECUTE FUNCTION first_contacts_append_only();

CREATE TRIGGER first_contacts_no_truncate BEFORE TRUNCATE ON first_contacts
    FOR EACH STATEMENT EXECUTE FUNCTION first_contacts_append_only();
