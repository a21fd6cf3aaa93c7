-- 0011 sign-in sessions ended on the server, and sign-in throttling per client instead of account lockout (issue 10 §4–6).

-- One row per cookie session: the cookie names its row, and a session whose row is ended (sign-out, password change)
-- or missing is refused on the next request even if someone kept a copy of the cookie.
CREATE TABLE user_sessions (
    id         TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    ended_at   TEXT,
    ended_why  TEXT
);
CREATE INDEX user_sessions_user ON user_sessions(user_id);

-- Failed password checks by (account, source): source is one client ('client:<address>'), one trusted device
-- ('device:<id>') or every untrusted client of the account together ('untrusted'). account is the name's skeleton,
-- so unknown names are throttled exactly like real ones.
CREATE TABLE sign_in_throttle (
    account         TEXT NOT NULL,
    source          TEXT NOT NULL,
    failures        INTEGER NOT NULL,
    last_failure_at TEXT NOT NULL,
    blocked_until   TEXT,
    PRIMARY KEY (account, source)
);
