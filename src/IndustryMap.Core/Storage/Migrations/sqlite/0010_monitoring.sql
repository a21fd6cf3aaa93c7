-- 0010 monitoring (issue 7): which indicators units report and how often, reporting periods with deadlines, one
-- submission per unit and period with its values and the history of every transition, assessment targets that
-- the plans do not state (entered by the city, or synthetic demo data), 赛马 index definitions and bulletins.
-- Exact numbers are TEXT on SQLite and NUMERIC on PostgreSQL (decision 0001); timestamps ISO-8601 UTC text;
-- is_demo marks synthetic data from `industrymap demo` (shown as 演示数据, left out of exports unless asked for).

-- An indicator that units report: how often, how it is judged, who reports it (the plan's scope or every unit)
-- and the checks on its values before submission.
CREATE TABLE monitored_indicators (
    indicator_id         INTEGER PRIMARY KEY REFERENCES indicators(id) ON DELETE CASCADE,
    frequency            TEXT NOT NULL CHECK (frequency IN ('year', 'quarter', 'month')),
    kind                 TEXT NOT NULL CHECK (kind IN ('growing', 'cumulative', 'decrease', 'share', 'lower_is_better')),
    reporters            TEXT NOT NULL CHECK (reporters IN ('plan', 'all')),
    min_value            TEXT,
    max_value            TEXT,
    required             INTEGER NOT NULL,
    change_warning_share TEXT,
    position             INTEGER NOT NULL,
    is_demo              INTEGER NOT NULL DEFAULT 0,
    entered_by           TEXT NOT NULL,
    entered_at           TEXT NOT NULL
);

-- A reporting period: 2024 (year), 2024Q2 (quarter) or 2024-05 (month). ordinal orders the periods of one
-- frequency (year; year*4+quarter-1; year*12+month-1); due_on is the deadline (a date, inclusive).
CREATE TABLE reporting_periods (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    frequency  TEXT NOT NULL CHECK (frequency IN ('year', 'quarter', 'month')),
    year       INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    ordinal    INTEGER NOT NULL,
    starts_on  TEXT NOT NULL,
    ends_on    TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    is_demo    INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (frequency, ordinal)
);

-- One unit's report for one period. version is the optimistic-concurrency stamp: every write names the version it
-- was based on. comment: the last return comment or unlock reason.
CREATE TABLE submissions (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    period_id    INTEGER NOT NULL REFERENCES reporting_periods(id),
    state        TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'returned')),
    version      INTEGER NOT NULL,
    comment      TEXT,
    is_demo      INTEGER NOT NULL DEFAULT 0,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    submitted_by TEXT,
    submitted_at TEXT,
    reviewed_by  TEXT,
    reviewed_at  TEXT,
    UNIQUE (period_id, unit_id)
);
CREATE INDEX submissions_unit ON submissions(unit_id, period_id);
CREATE INDEX submissions_state ON submissions(state, period_id);

-- The values of a submission, in the indicator's unit. Who changed what and when is in submission_events and the
-- audit log (before and after); the row stays narrow because a city-scale history holds millions of them.
CREATE TABLE submission_values (
    submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    indicator_id  INTEGER NOT NULL REFERENCES indicators(id),
    value         TEXT,
    note          TEXT,
    is_demo       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (submission_id, indicator_id)
) WITHOUT ROWID;

-- Every transition of a submission (created, saved, submitted, approved, returned, unlocked): who, when, why.
CREATE TABLE submission_events (
    id            INTEGER PRIMARY KEY,
    submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    action        TEXT NOT NULL,
    from_state    TEXT,
    to_state      TEXT NOT NULL,
    comment       TEXT,
    actor         TEXT NOT NULL,
    actor_role    TEXT,
    at            TEXT NOT NULL
);
CREATE INDEX submission_events_submission ON submission_events(submission_id, id);

-- Assessment targets the plans do not state (seed 001 §七（三）: 分区、分年度制定……考核的工作目标): set by the city,
-- or synthetic (is_demo) so that every unit has something to be measured against in the demo. Scope: a unit, a
-- group, or the city (both null).
CREATE TABLE monitoring_targets (
    id             INTEGER PRIMARY KEY,
    indicator_id   INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    unit_id        INTEGER REFERENCES units(id),
    group_id       INTEGER REFERENCES unit_groups(id),
    year           INTEGER NOT NULL,
    value          TEXT NOT NULL,
    baseline_year  INTEGER,
    baseline_value TEXT,
    note           TEXT,
    is_demo        INTEGER NOT NULL DEFAULT 0,
    entered_by     TEXT NOT NULL,
    entered_at     TEXT NOT NULL
);
CREATE INDEX monitoring_targets_indicator ON monitoring_targets(indicator_id, unit_id);

-- A 赛马 composite index: which indicators (and measured how), weights, normalisation, and the peer groups within
-- which units are ranked.
CREATE TABLE ranking_indexes (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    frequency     TEXT NOT NULL CHECK (frequency IN ('year', 'quarter', 'month')),
    normalization TEXT NOT NULL CHECK (normalization IN ('minmax', 'zscore', 'rank')),
    position      INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    is_demo       INTEGER NOT NULL DEFAULT 0,
    entered_by    TEXT NOT NULL,
    entered_at    TEXT NOT NULL
);

CREATE TABLE ranking_index_groups (
    index_id INTEGER NOT NULL REFERENCES ranking_indexes(id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES unit_groups(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (index_id, group_id)
);

-- measure: value (the submitted value), growth (on the same period a year before), completion (of the unit's target).
CREATE TABLE ranking_index_indicators (
    index_id         INTEGER NOT NULL REFERENCES ranking_indexes(id) ON DELETE CASCADE,
    indicator_id     INTEGER NOT NULL REFERENCES indicators(id),
    measure          TEXT NOT NULL CHECK (measure IN ('value', 'growth', 'completion')),
    weight           TEXT NOT NULL,
    higher_is_better INTEGER NOT NULL,
    position         INTEGER NOT NULL,
    PRIMARY KEY (index_id, indicator_id, measure)
);

-- A bulletin (通报) for a period: draft while the numbers may still move, reviewed once the city has checked it.
-- The review freezes the content (official: approved real values only; with_demo: demo values included) as JSON.
CREATE TABLE bulletins (
    id               INTEGER PRIMARY KEY,
    period_id        INTEGER NOT NULL UNIQUE REFERENCES reporting_periods(id),
    number           TEXT,
    title            TEXT,
    state            TEXT NOT NULL CHECK (state IN ('draft', 'reviewed')),
    snapshot         TEXT,
    snapshot_demo    TEXT,
    version          INTEGER NOT NULL,
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    reviewed_by      TEXT,
    reviewed_at      TEXT
);
