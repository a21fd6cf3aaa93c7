-- 0012 source tiers (issue 11 §1): every designation, park and enterprise is `seed` (a seed document's lines),
-- `public` (a published web page: URL, title, publisher, publication and retrieval dates, names as printed) or
-- `entered` (a person and a time). Public pages are stored once in public_sources and referenced by src_public;
-- the tier is derived from the provenance columns (Provenance/Source.cs `Tier`), never stored twice.
-- Parks and enterprises from public pages belong to no seed document, so document_id becomes optional.

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

ALTER TABLE parks ALTER COLUMN document_id DROP NOT NULL;
ALTER TABLE parks ADD COLUMN src_public TEXT REFERENCES public_sources(id);

ALTER TABLE enterprises ALTER COLUMN document_id DROP NOT NULL;
ALTER TABLE enterprises ADD COLUMN src_public TEXT REFERENCES public_sources(id);

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
    src_from     BIGINT,
    src_to       BIGINT,
    src_url      TEXT,
    entered_by   TEXT,
    entered_at   TEXT,
    PRIMARY KEY (term, kind, target)
);
