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
