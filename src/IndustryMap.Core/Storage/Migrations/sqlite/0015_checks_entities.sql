-- 0015 checks and entities (issue 15, decision 0014): targets know what period a value speaks for, the registries
-- tell the firm or project (entity) from each mention of it, 标准厂房 floor area is kept apart from land, the
-- consistency report reads its equivalences (measure words, unit spellings) and its count checks as data.

-- period: 'year' (the value at or for year), 'each_year' (a yearly target, one row per year of year_from..year),
-- 'average' (a period average over year_from..year), 'sum' (the total over year_from..year, the "[ ]" convention).
-- year stays NULL when the document prints none (shown as 未注明年份, never guessed).
ALTER TABLE targets ADD COLUMN period TEXT NOT NULL DEFAULT 'year' CHECK (period IN ('year', 'each_year', 'average', 'sum'));
ALTER TABLE targets ADD COLUMN year_from INTEGER;

-- The firm a mention names (the name of its 附件 row where the document lists it), NULL when the mention's own name is the firm's.
ALTER TABLE enterprises ADD COLUMN entity TEXT;

-- entity: the serial of the row this one repeats (中国华录 printed twice); subsection: the annex sub-heading as printed;
-- floor area (标准厂房, 平方米) kept apart from land.
ALTER TABLE projects ADD COLUMN entity TEXT;
ALTER TABLE projects ADD COLUMN subsection TEXT;
ALTER TABLE projects ADD COLUMN floor_area TEXT;
ALTER TABLE projects ADD COLUMN floor_area_unit TEXT;

-- Measures of a printed total whose cells are displaced (a shifted column): not compared.
ALTER TABLE project_totals ADD COLUMN damaged TEXT;

-- Two spellings that state the same value (个 = 户 for a count of firms; 万元/人 = 万元/人年), with the reason.
CREATE TABLE equivalences (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('measure_word', 'unit')),
    term         TEXT NOT NULL,
    equivalent   TEXT NOT NULL,
    reason       TEXT NOT NULL,
    src_document TEXT REFERENCES documents(id),
    src_from     INTEGER,
    src_to       INTEGER,
    src_url      TEXT,
    entered_by   TEXT,
    entered_at   TEXT,
    UNIQUE (kind, term, equivalent)
);

-- A stated count (a target row) against the registry rows it counts: enterprises of a document's lines, optionally one tier.
CREATE TABLE count_checks (
    id           INTEGER PRIMARY KEY,
    plan_id      TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    code         TEXT NOT NULL,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    scope_kind   TEXT NOT NULL,
    scope        TEXT,
    year         INTEGER,
    registry     TEXT NOT NULL CHECK (registry IN ('enterprises', 'projects')),
    rows_document TEXT NOT NULL REFERENCES documents(id),
    rows_from    INTEGER NOT NULL,
    rows_to      INTEGER NOT NULL,
    tier         TEXT,
    note         TEXT,
    src_document TEXT REFERENCES documents(id),
    src_from     INTEGER,
    src_to       INTEGER,
    src_url      TEXT,
    entered_by   TEXT,
    entered_at   TEXT,
    UNIQUE (plan_id, code)
);
