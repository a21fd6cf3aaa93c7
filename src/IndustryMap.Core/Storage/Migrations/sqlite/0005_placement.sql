-- 0005 placement reference lists (issue 6): the curated keyword list the project classifier learns from, and the
-- configurable list of restricted or eliminated products (产业结构调整指导目录) that makes a placement warn.
-- Both are seed data (seed-data/reference/industry_keywords.csv, restricted_products.csv), replaced on import;
-- every row carries where it comes from (a document's lines, or a public URL) and who curated it.

CREATE TABLE industry_keywords (
    id           INTEGER PRIMARY KEY,
    industry_id  INTEGER NOT NULL REFERENCES industries(id) ON DELETE CASCADE,
    keyword      TEXT NOT NULL,
    weight       TEXT NOT NULL,
    position     INTEGER NOT NULL,
    note         TEXT,
    src_document TEXT REFERENCES documents(id),
    src_from     INTEGER,
    src_to       INTEGER,
    src_url      TEXT,
    entered_by   TEXT,
    entered_at   TEXT,
    UNIQUE (industry_id, keyword)
);

CREATE TABLE restricted_products (
    id           INTEGER PRIMARY KEY,
    keyword      TEXT NOT NULL UNIQUE,
    product      TEXT NOT NULL,
    category     TEXT NOT NULL CHECK (category IN ('restricted', 'eliminated')),
    catalogue    TEXT NOT NULL,
    item         TEXT,
    position     INTEGER NOT NULL,
    note         TEXT,
    src_document TEXT REFERENCES documents(id),
    src_from     INTEGER,
    src_to       INTEGER,
    src_url      TEXT,
    entered_by   TEXT,
    entered_at   TEXT
);
