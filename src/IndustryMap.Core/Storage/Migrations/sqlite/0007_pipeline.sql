-- 0007 project pipeline (issue 6): a placed project and the dated stages it moves through (the lifecycle of
-- Registries/ProjectLifecycle: planning → tracking → negotiating → signed → construction → production).
-- Every write names who and when (created_by/at, updated_by/at, recorded_by/at). The stage history is append-only:
-- the database refuses to change or delete a recorded stage event.

CREATE TABLE pipeline_projects (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    description      TEXT NOT NULL,
    investor         TEXT,
    investor_key     TEXT,
    unit_id          INTEGER NOT NULL REFERENCES units(id),
    park             TEXT,
    industry         TEXT,
    cluster          TEXT,
    amount_yi        TEXT,
    land_mu          TEXT,
    origin           TEXT CHECK (origin IN ('outside_city', 'within_city')),
    foreign_invested INTEGER NOT NULL DEFAULT 0,
    first_contact    INTEGER REFERENCES first_contacts(seq),
    placement_rank   INTEGER,
    placement        TEXT,
    stage            TEXT NOT NULL CHECK (stage IN ('planning', 'tracking', 'negotiating', 'signed', 'construction', 'production')),
    stage_on         TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX pipeline_projects_unit ON pipeline_projects(unit_id);

CREATE TABLE pipeline_stage_events (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES pipeline_projects(id),
    stage       TEXT NOT NULL CHECK (stage IN ('planning', 'tracking', 'negotiating', 'signed', 'construction', 'production')),
    stage_on    TEXT NOT NULL,
    note        TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX pipeline_stage_events_project ON pipeline_stage_events(project_id);

CREATE TRIGGER pipeline_stage_events_no_update BEFORE UPDATE ON pipeline_stage_events
BEGIN
    SELECT RAISE(ABORT, 'pipeline_stage_events is append-only (项目阶段记录只能追加)');
END;

CREATE TRIGGER pipeline_stage_events_no_delete BEFORE DELETE ON pipeline_stage_events
BEGIN
    SELECT RAISE(ABORT, 'pipeline_stage_events is append-only (项目阶段记录只能追加)');
END;
