-- 0020 document intake (issue 16, decision 0016): an uploaded plan kept byte for byte (its text goes into documents and
-- document_lines like a seed document's), the proposals the extractor made from it, and the reviewer's decision on
-- each. An accepted target becomes a row of targets (src_document + lines, entered_by/at = the reviewer); an indicator
-- that states the same measure as one already stored points at it (same_as_id), so a different value for the same
-- scope and year shows as a conflict in /api/targets and the checks.

CREATE TABLE intake_documents (
    id           INTEGER PRIMARY KEY,
    document_id  TEXT NOT NULL UNIQUE REFERENCES documents(id),
    file_name    TEXT NOT NULL,
    file_kind    TEXT NOT NULL CHECK (file_kind IN ('txt', 'docx', 'pdf', 'json')),
    content      BLOB NOT NULL,
    byte_count   INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    scope_kind   TEXT NOT NULL CHECK (scope_kind IN ('city', 'region', 'unit')),
    scope        TEXT,
    unit_id      INTEGER REFERENCES units(id),
    period_start INTEGER,
    period_end   INTEGER,
    plan_id      TEXT REFERENCES plans(id),
    uploaded_by  TEXT NOT NULL,
    uploaded_at  TEXT NOT NULL
);

CREATE TABLE intake_proposals (
    id            INTEGER PRIMARY KEY,
    intake_id     INTEGER NOT NULL REFERENCES intake_documents(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('target', 'designation', 'park', 'project')),
    position      INTEGER NOT NULL,
    proposed      TEXT NOT NULL,
    src_from      INTEGER NOT NULL,
    src_to        INTEGER NOT NULL,
    confidence    TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'rejected')),
    accepted      TEXT,
    decided_by    TEXT,
    decided_at    TEXT,
    target_id     INTEGER REFERENCES targets(id),
    UNIQUE (intake_id, position)
);
CREATE INDEX intake_proposals_intake ON intake_proposals(intake_id, kind);

ALTER TABLE indicators ADD COLUMN same_as_id INTEGER REFERENCES indicators(id);
