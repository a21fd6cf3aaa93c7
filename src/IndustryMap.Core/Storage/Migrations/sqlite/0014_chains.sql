-- 0014 industry chains (issue 12): chain maps (产业链图谱), their nodes, edges and member enterprises, the supplier
-- localisation figures of seed 004 (表1-1, L154) and the collections that promise a number of maps (附件二: 7).
-- Seed rows carry document lines; rows people enter carry entered_by/entered_at. Chains are addressed by their key.

CREATE TABLE chain_collections (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    document_id  TEXT REFERENCES documents(id),
    title        TEXT NOT NULL,
    declared     INTEGER,
    quality      TEXT,
    note         TEXT,
    src_document TEXT REFERENCES documents(id),
    src_from     INTEGER,
    src_to       INTEGER,
    src_url      TEXT,
    entered_by   TEXT,
    entered_at   TEXT
);

CREATE TABLE chains (
    id                      INTEGER PRIMARY KEY,
    key                     TEXT NOT NULL UNIQUE,
    collection_key          TEXT,
    document_id             TEXT REFERENCES documents(id),
    name                    TEXT NOT NULL,
    printed_title           TEXT,
    scope_kind              TEXT NOT NULL CHECK (scope_kind IN ('unit', 'city')),
    unit_id                 INTEGER REFERENCES units(id),
    industries              TEXT,
    admin_leader            TEXT,
    enterprise_leader       TEXT,
    enterprise_leader_basis TEXT,
    local_printed           INTEGER,
    local_printed_from      INTEGER,
    local_printed_to        INTEGER,
    position                INTEGER NOT NULL,
    quality                 TEXT,
    note                    TEXT,
    version                 INTEGER NOT NULL DEFAULT 1,
    src_document            TEXT REFERENCES documents(id),
    src_from                INTEGER,
    src_to                  INTEGER,
    src_url                 TEXT,
    entered_by              TEXT,
    entered_at              TEXT
);
CREATE INDEX chains_unit ON chains(unit_id);

CREATE TABLE chain_nodes (
    id           INTEGER PRIMARY KEY,
    chain_id     INTEGER NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    segment      TEXT,
    stage        TEXT NOT NULL CHECK (stage IN ('material', 'upstream', 'midstream', 'downstream', 'terminal')),
    name         TEXT NOT NULL,
    products     TEXT,
    product_from INTEGER,
    product_to   INTEGER,
    catalog      TEXT,
    position     INTEGER NOT NULL,
    quality      TEXT,
    note         TEXT,
    src_document TEXT REFERENCES documents(id),
    src_from     INTEGER,
    src_to       INTEGER,
    src_url      TEXT,
    entered_by   TEXT,
    entered_at   TEXT,
    UNIQUE (chain_id, key)
);

CREATE TABLE chain_edges (
    id           INTEGER PRIMARY KEY,
    chain_id     INTEGER NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
    from_node_id INTEGER NOT NULL REFERENCES chain_nodes(id) ON DELETE CASCADE,
    to_node_id   INTEGER NOT NULL REFERENCES chain_nodes(id) ON DELETE CASCADE,
    basis        TEXT NOT NULL,
    note         TEXT,
    src_document TEXT REFERENCES documents(id),
    src_from     INTEGER,
    src_to       INTEGER,
    src_url      TEXT,
    entered_by   TEXT,
    entered_at   TEXT
);

CREATE TABLE chain_members (
    id             INTEGER PRIMARY KEY,
    node_id        INTEGER NOT NULL REFERENCES chain_nodes(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('enterprise', 'channel')),
    location       TEXT CHECK (location IN ('unit', 'chongqing', 'outside', 'unknown')),
    location_basis TEXT,
    registry_name  TEXT,
    position       INTEGER NOT NULL,
    quality        TEXT,
    note           TEXT,
    src_document   TEXT REFERENCES documents(id),
    src_from       INTEGER,
    src_to         INTEGER,
    src_url        TEXT,
    entered_by     TEXT,
    entered_at     TEXT
);
CREATE INDEX chain_members_node ON chain_members(node_id);

CREATE TABLE chain_localisation (
    id              INTEGER PRIMARY KEY,
    document_id     TEXT NOT NULL REFERENCES documents(id),
    field           TEXT,
    enterprise      TEXT NOT NULL,
    registry_name   TEXT,
    suppliers       INTEGER,
    local_suppliers INTEGER,
    share           TEXT,
    table_from      INTEGER,
    table_to        INTEGER,
    position        INTEGER NOT NULL,
    quality         TEXT,
    note            TEXT,
    src_document    TEXT REFERENCES documents(id),
    src_from        INTEGER,
    src_to          INTEGER,
    src_url         TEXT,
    entered_by      TEXT,
    entered_at      TEXT
);
