-- Issue 13 (session 3): the industry vocabulary gains English words for catalog nodes (kind 'english'), read only by
-- placement to classify an English project description. SQLite cannot change a CHECK: the table is rebuilt.
CREATE TABLE industry_vocabulary_0022 (
    term         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('synonym', 'narrower', 'compound', 'product', 'english')),
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
INSERT INTO industry_vocabulary_0022 (term, kind, target, note, src_document, src_from, src_to, src_url, entered_by, entered_at)
SELECT term, kind, target, note, src_document, src_from, src_to, src_url, entered_by, entered_at FROM industry_vocabulary;
DROP TABLE industry_vocabulary;
ALTER TABLE industry_vocabulary_0022 RENAME TO industry_vocabulary;
