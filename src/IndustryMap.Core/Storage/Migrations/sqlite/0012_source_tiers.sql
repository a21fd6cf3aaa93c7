-- 0012 source tiers (issue 11 §1): every designation, park and enterprise is `seed` (a seed document's lines),
-- `public` (a published web page: URL, title, publisher, publication and retrieval dates, names as printed) or
-- `entered` (a person and a time). Public pages are stored once in public_sources and referenced by src_public;
-- the tier is derived from the provenance columns (Provenance/Source.cs `Tier`), never stored twice.
-- Parks and enterprises from public pages belong to no seed document, so document_id becomes optional
-- (SQLite cannot drop NOT NULL: the two tables are rebuilt with the same columns in the same order).

CREATE TABLE public_sources (
    id        TEXT PRIMARY KEY,
    url       TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
    title     TEXT NOT NULL,
    publisher TEXT NOT NULL,
    published TEXT,
    retrieved TEXT NOT NULL,
    note      TEXT
);

ALTER TABLE layout_designations ADD COLUMN src_public TEXT REFERENCES public_sources(id);
CREATE INDEX layout_designations_public ON layout_designations(src_public);

CREATE TABLE parks_0012 (
    id               INTEGER PRIMARY KEY,
    document_id      TEXT REFERENCES documents(id),
    name             TEXT NOT NULL,
    unit_id          INTEGER REFERENCES units(id),
    level            TEXT,
    kind             TEXT,
    planned_area     TEXT,
    area_unit        TEXT,
    area_mu          TEXT,
    area_km2         TEXT,
    focus_industries TEXT,
    position         INTEGER NOT NULL,
    quality          TEXT,
    note             TEXT,
    src_document     TEXT REFERENCES documents(id),
    src_from         INTEGER,
    src_to           INTEGER,
    src_url          TEXT,
    entered_by       TEXT,
    entered_at       TEXT,
    src_public       TEXT REFERENCES public_sources(id)
);
INSERT INTO parks_0012 (id, document_id, name, unit_id, level, kind, planned_area, area_unit, area_mu, area_km2, focus_industries,
    position, quality, note, src_document, src_from, src_to, src_url, entered_by, entered_at)
SELECT id, document_id, name, unit_id, level, kind, planned_area, area_unit, area_mu, area_km2, focus_industries,
    position, quality, note, src_document, src_from, src_to, src_url, entered_by, entered_at FROM parks;
DROP TABLE parks;
ALTER TABLE parks_0012 RENAME TO parks;
CREATE INDEX parks_unit ON parks(unit_id);

CREATE TABLE enterprises_0012 (
    id           INTEGER PRIMARY KEY,
    document_id  TEXT REFERENCES documents(id),
    name         TEXT NOT NULL,
    unit_id      INTEGER REFERENCES units(id),
    category     TEXT,
    tiers        TEXT,
    labels       TEXT,
    industry     TEXT,
    position     INTEGER NOT NULL,
    quality      TEXT,
    note         TEXT,
    src_document TEXT REFERENCES documents(id),
    src_from     INTEGER,
    src_to       INTEGER,
    src_url      TEXT,
    entered_by   TEXT,
    entered_at   TEXT,
    src_public   TEXT REFERENCES public_sources(id)
);
INSERT INTO enterprises_0012 (id, document_id, name, unit_id, category, tiers, labels, industry, position, quality, note,
    src_document, src_from, src_to, src_url, entered_by, entered_at)
SELECT id, document_id, name, unit_id, category, tiers, labels, industry, position, quality, note,
    src_document, src_from, src_to, src_url, entered_by, entered_at FROM enterprises;
DROP TABLE enterprises;
ALTER TABLE enterprises_0012 RENAME TO enterprises;
CREATE INDEX enterprises_unit ON enterprises(unit_id);

-- One industry vocabulary (issue 11 §4, seed-data/reference/industry_vocabulary.csv): a printed word and what it
-- means. kind: synonym (same industry, both ways), narrower (term is part of target), compound (term spans several
-- targets, one row each), product (two product words that find each other in a search). Curated: every row has its
-- reasoning (note) and a document's lines or a URL where one prints the term.
CREATE TABLE industry_vocabulary (
    term         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('synonym', 'narrower', 'compound', 'product')),
    target       TEXT NOT NULL,
    note         TEXT NOT NULL,
    src_document TEXT REFERENCES documents(id),
    src_from     INTEGER,
    src_to       INTEGER,
    src_url      TEXT,
    entered_by   TEXT,
    entered_at   TEXT,
    PRIMARY KEY (term, kind, target)
);
