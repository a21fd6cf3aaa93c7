-- 0003 accounts, API tokens, unit profiles, the audit log; who and when on layout editions (issue 4).
-- Timestamps are ISO-8601 UTC text. Passwords and tokens are stored only as hashes.

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    display_name    TEXT,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'unit', 'investment', 'viewer')),
    unit_id         INTEGER REFERENCES units(id),
    password_hash   TEXT NOT NULL,
    security_stamp  TEXT NOT NULL,
    failed_count    INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    disabled_at     TEXT,
    last_sign_in_at TEXT,
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_by      TEXT,
    updated_at      TEXT,
    CHECK ((role = 'unit' AND unit_id IS NOT NULL) OR (role <> 'unit' AND unit_id IS NULL))
);

-- An API token is shown once; what is kept is its SHA-256 (the token is 256 random bits, so a fast hash is enough).
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    token_sha256 TEXT NOT NULL UNIQUE,
    expires_at   TEXT,
    last_used_at TEXT,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    revoked_by   TEXT,
    revoked_at   TEXT
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- What a unit officer maintains about their own unit. version is the optimistic-concurrency stamp.
CREATE TABLE unit_profiles (
    unit_id        INTEGER PRIMARY KEY REFERENCES units(id),
    contact_person TEXT,
    phone          TEXT,
    description    TEXT,
    version        INTEGER NOT NULL,
    entered_by     TEXT NOT NULL,
    entered_at     TEXT NOT NULL
);

ALTER TABLE layout_editions ADD COLUMN created_by TEXT;
ALTER TABLE layout_editions ADD COLUMN created_at TEXT;
ALTER TABLE layout_editions ADD COLUMN published_by TEXT;
ALTER TABLE layout_editions ADD COLUMN published_at TEXT;

-- Append-only: every change, who and when, the values before and after as JSON text (TEXT, not jsonb, so the
-- hashed bytes are the stored bytes). id is assigned under the append lock and is part of the hash; hash =
-- SHA-256 over (id, at, actor, actor_role, action, entity, entity_key, before_json, after_json, prev_hash).
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    actor_role  TEXT,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_key  TEXT NOT NULL,
    before_json TEXT,
    after_json  TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_key);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
