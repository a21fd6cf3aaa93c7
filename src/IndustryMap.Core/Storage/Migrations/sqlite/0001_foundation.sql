-- 0001 foundation: documents, planning units, groups, industry taxonomies, layout editions.
-- Provenance columns on every fact: src_document + src_from/src_to (a document's lines), or src_url (another
-- public source), or entered_by + entered_at (a person). Timestamps are ISO-8601 UTC text on both engines.

CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    folder      TEXT NOT NULL,
    title       TEXT NOT NULL,
    issuer      TEXT,
    number      TEXT,
    issued_on   TEXT,
    period      TEXT,
    kind        TEXT,
    title_from  INTEGER,
    title_to    INTEGER,
    note        TEXT,
    line_count  INTEGER NOT NULL,
    sha256      TEXT NOT NULL
);

CREATE TABLE document_lines (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    line_no     INTEGER NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (document_id, line_no)
);

CREATE TABLE units (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    full_name    TEXT NOT NULL,
    code         TEXT UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('district', 'county', 'autonomous_county', 'functional_zone')),
    position     INTEGER NOT NULL,
    note         TEXT,
    src_document TEXT REFERENCES documents(id),
    src_from     INTEGER,
    src_to       INTEGER,
    src_url      TEXT,
    entered_by   TEXT,
    entered_at   TEXT
);

CREATE TABLE unit_aliases (
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    alias   TEXT NOT NULL UNIQUE
);

CREATE TABLE unit_groups (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    parent_id    INTEGER REFERENCES unit_groups(id),
    position     INTEGER NOT NULL,
    note         TEXT,
    src_document TEXT REFERENCES documents(id),
    src_from     INTEGER,
    src_to       INTEGER,
    src_url      TEXT,
    entered_by   TEXT,
    entered_at   TEXT
);

CREATE TABLE unit_group_members (
    group_id     INTEGER NOT NULL REFERENCES unit_groups(id) ON DELETE CASCADE,
    unit_id      INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    src_document TEXT REFERENCES documents(id),
    src_from     INTEGER,
    src_to       INTEGER,
    src_url      TEXT,
    entered_by   TEXT,
    entered_at   TEXT,
    PRIMARY KEY (group_id, unit_id)
);

CREATE TABLE taxonomies (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    document_id TEXT REFERENCES documents(id),
    note        TEXT
);

CREATE TABLE industries (
    id           INTEGER PRIMARY KEY,
    taxonomy_id  TEXT NOT NULL REFERENCES taxonomies(id),
    level        TEXT NOT NULL CHECK (level IN ('cluster', 'sub_industry', 'product')),
    name         TEXT NOT NULL,
    parent_id    INTEGER REFERENCES industries(id),
    parent_basis TEXT CHECK (parent_basis IN ('document', 'curated')),
    tier         TEXT,
    tier_rank    INTEGER,
    position     INTEGER NOT NULL,
    note         TEXT,
    UNIQUE (taxonomy_id, name)
);

-- Where an industry is named: one row per source (a document's lines, a URL, or a person).
CREATE TABLE industry_mentions (
    industry_id  INTEGER NOT NULL REFERENCES industries(id) ON DELETE CASCADE,
    src_document TEXT REFERENCES documents(id),
    src_from     INTEGER,
    src_to       INTEGER,
    src_url      TEXT,
    entered_by   TEXT,
    entered_at   TEXT,
    note         TEXT
);
CREATE INDEX industry_mentions_industry ON industry_mentions(industry_id);

CREATE TABLE industry_aliases (
    industry_id INTEGER NOT NULL REFERENCES industries(id) ON DELETE CASCADE,
    alias       TEXT NOT NULL,
    PRIMARY KEY (industry_id, alias)
);

CREATE TABLE industry_crosswalk (
    from_industry_id INTEGER NOT NULL REFERENCES industries(id) ON DELETE CASCADE,
    to_industry_id   INTEGER NOT NULL REFERENCES industries(id) ON DELETE CASCADE,
    relation         TEXT NOT NULL CHECK (relation IN ('equivalent', 'narrower', 'broader', 'overlaps')),
    note             TEXT,
    src_document     TEXT REFERENCES documents(id),
    entered_by       TEXT,
    entered_at       TEXT,
    PRIMARY KEY (from_industry_id, to_industry_id)
);

CREATE TABLE layout_editions (
    id         INTEGER PRIMARY KEY,
    year       INTEGER NOT NULL UNIQUE,
    title      TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    note       TEXT
);

CREATE TABLE layout_designations (
    id           INTEGER PRIMARY KEY,
    edition_id   INTEGER NOT NULL REFERENCES layout_editions(id) ON DELETE CASCADE,
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    role         TEXT NOT NULL CHECK (role IN ('dominant', 'characteristic')),
    position     INTEGER NOT NULL,
    industry_id  INTEGER NOT NULL REFERENCES industries(id),
    printed      TEXT NOT NULL,
    detail       TEXT,
    flag         TEXT CHECK (flag IN ('corrected')),
    note         TEXT,
    src_document TEXT REFERENCES documents(id),
    src_from     INTEGER,
    src_to       INTEGER,
    src_url      TEXT,
    entered_by   TEXT,
    entered_at   TEXT,
    UNIQUE (edition_id, unit_id, role, position)
);
CREATE INDEX layout_designations_industry ON layout_designations(industry_id);

-- One row per import: what was loaded, from where, by whom.
CREATE TABLE import_runs (
    id          INTEGER PRIMARY KEY,
    folder      TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    summary     TEXT NOT NULL
);
