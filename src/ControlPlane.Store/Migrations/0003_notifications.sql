-- Notifications and alerts: the outbox the feeder fills from the event log, every HTTP attempt, and alert firings.
-- URLs and secrets named by environment variables are resolved when sending, never stored.

-- One row: the last event sequence turned into deliveries. Advanced in the same transaction as the inserts.
-- It starts at the end of the existing log, so upgrading a store does not notify about runs of the past.
CREATE TABLE notification_cursor (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    sequence  INTEGER NOT NULL
);
INSERT INTO notification_cursor (id, sequence) SELECT 1, coalesce(max(sequence), 0) FROM events;

CREATE TABLE notification_deliveries (
    id               INTEGER PRIMARY KEY,
    event            TEXT    NOT NULL, -- run.failed, step.finished, alert.run_failed, ...
    event_sequence   INTEGER,          -- the events row it came from; null for periodic alerts
    run_id           INTEGER REFERENCES runs (id),
    url              TEXT,
    url_env          TEXT,
    secret_env       TEXT,
    on_events        TEXT    NOT NULL, -- the target's subscription, as notify.on words (JSON array)
    format           TEXT    NOT NULL CHECK (format IN ('json', 'slack')),
    body             TEXT    NOT NULL,
    state            TEXT    NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    finished_at      INTEGER,
    last_error       TEXT
);
CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX notification_deliveries_by_run ON notification_deliveries (run_id, id) WHERE run_id IS NOT NULL;

CREATE TABLE notification_attempts (
    delivery_id  INTEGER NOT NULL REFERENCES notification_deliveries (id),
    number       INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    status_code  INTEGER,
    error        TEXT,
    duration_ms  INTEGER NOT NULL,
    PRIMARY KEY (delivery_id, number)
) WITHOUT ROWID;

-- The last time each alert rule fired per subject (a workflow name, or '*'): at most once per window.
CREATE TABLE alert_firings (
    rule           TEXT    NOT NULL,
    subject        TEXT    NOT NULL,
    last_fired_at  INTEGER NOT NULL,
    PRIMARY KEY (rule, subject)
) WITHOUT ROWID;

CREATE INDEX runs_by_workflow_finished ON runs (workflow_id, finished_at) WHERE finished_at IS NOT NULL;
