-- 0002 plans as data: plans, indicators, targets, parks, enterprises, project libraries, tasks, cascades.
-- Exact numbers are TEXT on SQLite (decimal strings, never floats) and NUMERIC on PostgreSQL. Each value is kept
-- in the document's own unit with a normalised copy (money in 亿元, area in 亩 and 平方公里) where one exists.

CREATE TABLE plans (
    id            TEXT PRIMARY KEY,
    document_id   TEXT NOT NULL REFERENCES documents(id),
    title         TEXT NOT NULL,
    issuer        TEXT,
    period_start  INTEGER,
    period_end    INTEGER,
    scope_kind    TEXT NOT NULL CHECK (scope_kind IN ('city', 'region', 'unit')),
    scope         TEXT,
    note          TEXT,
    src_document  TEXT REFERENCES documents(id),
    src_from      INTEGER,
    src_to        INTEGER,
    src_url       TEXT,
    entered_by    TEXT,
    entered_at    TEXT
);

CREATE TABLE indicators (
    id            INTEGER PRIMARY KEY,
    plan_id       TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    code          TEXT NOT NULL,
    name          TEXT NOT NULL,
    unit          TEXT,
    attribute     TEXT,
    direction     TEXT CHECK (direction IN ('higher', 'lower')),
    cumulative    INTEGER NOT NULL,
    aggregation   TEXT NOT NULL CHECK (aggregation IN ('sum', 'none')),
    category      TEXT,
    growth_of_id  INTEGER REFERENCES indicators(id),
    position      INTEGER NOT NULL,
    note          TEXT,
    src_document  TEXT REFERENCES documents(id),
    src_from      INTEGER,
    src_to        INTEGER,
    src_url       TEXT,
    entered_by    TEXT,
    entered_at    TEXT,
    UNIQUE (plan_id, code)
);

CREATE TABLE targets (
    id               INTEGER PRIMARY KEY,
    indicator_id     INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    scope_kind       TEXT NOT NULL CHECK (scope_kind IN ('city', 'region', 'unit', 'cluster', 'industry', 'park', 'enterprise', 'project')),
    scope            TEXT,
    unit_id          INTEGER REFERENCES units(id),
    group_id         INTEGER REFERENCES unit_groups(id),
    industry_id      INTEGER REFERENCES industries(id),
    year             INTEGER,
    comparator       TEXT NOT NULL CHECK (comparator IN ('eq', 'ge', 'gt', 'le', 'lt', 'approx', 'range', 'strive')),
    value            TEXT NOT NULL,
    value_high       TEXT,
    unit             TEXT,
    normalized_value TEXT,
    normalized_high  TEXT,
    normalized_unit  TEXT,
    printed          TEXT NOT NULL,
    baseline_year    INTEGER,
    baseline_value   TEXT,
    source_kind      TEXT NOT NULL CHECK (source_kind IN ('table', 'prose')),
    position         INTEGER NOT NULL,
    quality          TEXT,
    note             TEXT,
    src_document     TEXT REFERENCES documents(id),
    src_from         INTEGER,
    src_to           INTEGER,
    src_url          TEXT,
    entered_by       TEXT,
    entered_at       TEXT
);
CREATE INDEX targets_indicator ON targets(indicator_id, scope_kind, scope, year);
CREATE INDEX targets_unit ON targets(unit_id);

CREATE TABLE cascades (
    id                  INTEGER PRIMARY KEY,
    plan_id             TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    code                TEXT NOT NULL,
    whole_indicator_id  INTEGER NOT NULL REFERENCES indicators(id),
    whole_scope_kind    TEXT NOT NULL,
    whole_scope         TEXT,
    parts_scope_kind    TEXT NOT NULL,
    parts               TEXT,
    year                INTEGER NOT NULL,
    relation            TEXT NOT NULL CHECK (relation IN ('sum_equals', 'sum_at_most')),
    note                TEXT,
    src_document        TEXT REFERENCES documents(id),
    src_from            INTEGER,
    src_to              INTEGER,
    src_url             TEXT,
    entered_by          TEXT,
    entered_at          TEXT,
    UNIQUE (plan_id, code)
);

-- The indicators whose targets make up a cascade's parts (one or several: 表2-1's five industries make up 规上产值).
CREATE TABLE cascade_parts (
    cascade_id   INTEGER NOT NULL REFERENCES cascades(id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    PRIMARY KEY (cascade_id, indicator_id)
);

CREATE TABLE parks (
    id               INTEGER PRIMARY KEY,
    document_id      TEXT NOT NULL REFERENCES documents(id),
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
    entered_at       TEXT
);
CREATE INDEX parks_unit ON parks(unit_id);

CREATE TABLE enterprises (
    id           INTEGER PRIMARY KEY,
    document_id  TEXT NOT NULL REFERENCES documents(id),
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
    entered_at   TEXT
);
CREATE INDEX enterprises_unit ON enterprises(unit_id);

CREATE TABLE projects (
    id              INTEGER PRIMARY KEY,
    document_id     TEXT NOT NULL REFERENCES documents(id),
    library         TEXT NOT NULL,
    serial          TEXT,
    name            TEXT NOT NULL,
    section         TEXT,
    unit_id         INTEGER REFERENCES units(id),
    park            TEXT,
    industry        TEXT,
    stage_printed   TEXT,
    stage           TEXT,
    investment      TEXT,
    investment_unit TEXT,
    investment_yi   TEXT,
    output          TEXT,
    output_unit     TEXT,
    output_yi       TEXT,
    tax             TEXT,
    tax_unit        TEXT,
    tax_yi          TEXT,
    land            TEXT,
    land_unit       TEXT,
    land_mu         TEXT,
    period          TEXT,
    owner           TEXT,
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
CREATE INDEX projects_unit ON projects(unit_id);
CREATE INDEX projects_library ON projects(library);

CREATE TABLE project_totals (
    id              INTEGER PRIMARY KEY,
    document_id     TEXT NOT NULL REFERENCES documents(id),
    library         TEXT NOT NULL,
    label           TEXT NOT NULL,
    section         TEXT,
    investment      TEXT,
    investment_unit TEXT,
    investment_yi   TEXT,
    output          TEXT,
    output_unit     TEXT,
    output_yi       TEXT,
    tax             TEXT,
    tax_unit        TEXT,
    tax_yi          TEXT,
    land            TEXT,
    land_unit       TEXT,
    land_mu         TEXT,
    quality         TEXT,
    note            TEXT,
    src_document    TEXT REFERENCES documents(id),
    src_from        INTEGER,
    src_to          INTEGER,
    src_url         TEXT,
    entered_by      TEXT,
    entered_at      TEXT
);

CREATE TABLE tasks (
    id           INTEGER PRIMARY KEY,
    plan_id      TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    code         TEXT NOT NULL,
    section      TEXT,
    title        TEXT NOT NULL,
    target_text  TEXT,
    position     INTEGER NOT NULL,
    note         TEXT,
    src_document TEXT REFERENCES documents(id),
    src_from     INTEGER,
    src_to       INTEGER,
    src_url      TEXT,
    entered_by   TEXT,
    entered_at   TEXT,
    UNIQUE (plan_id, code)
);

-- 牵头 (lead) and 参与 (participating) organisations of a task, as printed; unit_id when it is a planning unit.
CREATE TABLE task_parties (
    task_id      INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('lead', 'participating')),
    organisation TEXT NOT NULL,
    unit_id      INTEGER REFERENCES units(id),
    position     INTEGER NOT NULL,
    PRIMARY KEY (task_id, role, organisation)
);
