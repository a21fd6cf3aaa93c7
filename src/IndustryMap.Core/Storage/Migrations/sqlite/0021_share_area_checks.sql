-- Issue 15: two more kinds of 级联不符 read from the seed folders (seed-data/README.md).
-- share_checks (shares.csv): a stated share (a target in %) against part ÷ whole of two other targets, e.g. seed 004 L72
-- 装备制造 17.6 % of 工业总产值 against 表2-1's 2020 rows.
CREATE TABLE share_checks (
    id                 INTEGER PRIMARY KEY,
    plan_id            TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    code               TEXT NOT NULL,
    share_indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    share_scope_kind   TEXT NOT NULL,
    share_scope        TEXT,
    part_indicator_id  INTEGER NOT NULL REFERENCES indicators(id),
    part_scope_kind    TEXT NOT NULL,
    part_scope         TEXT,
    whole_indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    whole_scope_kind   TEXT NOT NULL,
    whole_scope        TEXT,
    year               INTEGER NOT NULL,
    note               TEXT,
    src_document       TEXT REFERENCES documents(id),
    src_from           INTEGER,
    src_to             INTEGER,
    src_url            TEXT,
    entered_by         TEXT,
    entered_at         TEXT,
    UNIQUE (plan_id, code)
);

-- park_area_checks (park_areas.csv): an area target against the planned areas of the parks a document lists in some
-- lines, e.g. seed 003 专栏12 (L346-352, 37.5 平方公里 of planned industrial land) against 全区工业用地 20 km² in 2025 (L344).
CREATE TABLE park_area_checks (
    id           INTEGER PRIMARY KEY,
    plan_id      TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    code         TEXT NOT NULL,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    scope_kind   TEXT NOT NULL,
    scope        TEXT,
    year         INTEGER NOT NULL,
    rows_document TEXT NOT NULL REFERENCES documents(id),
    rows_from    INTEGER NOT NULL,
    rows_to      INTEGER NOT NULL,
    relation     TEXT NOT NULL CHECK (relation IN ('sum_equals', 'sum_at_most')),
    note         TEXT,
    src_document TEXT REFERENCES documents(id),
    src_from     INTEGER,
    src_to       INTEGER,
    src_url      TEXT,
    entered_by   TEXT,
    entered_at   TEXT,
    UNIQUE (plan_id, code)
);
