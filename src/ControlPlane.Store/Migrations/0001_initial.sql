-- 0001: the initial schema.
-- Timestamps are INTEGER unix milliseconds UTC. States, triggers and classes are the snake_case names of the
-- Core enums (ControlPlane.Core.StateMachines.EnumText); the CHECK lists must follow those enums.
-- JSON columns are opaque to the store unless named otherwise.

CREATE TABLE workflows (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);

CREATE TABLE workflow_revisions (
    id            INTEGER PRIMARY KEY,
    workflow_id   INTEGER NOT NULL REFERENCES workflows (id),
    content_hash  TEXT    NOT NULL,
    file_name     TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    UNIQUE (workflow_id, content_hash)
);

CREATE TABLE runs (
    id               INTEGER PRIMARY KEY,
    workflow_id      INTEGER NOT NULL REFERENCES workflows (id),
    revision_id      INTEGER NOT NULL REFERENCES workflow_revisions (id),
    state            TEXT    NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelling', 'cancelled')),
    inputs_json      TEXT    NOT NULL,
    idempotency_key  TEXT,
    concurrency_key  TEXT,
    priority         INTEGER NOT NULL,
    run_attempt      INTEGER NOT NULL,
    timeout_ms       INTEGER,
    deadline_at      INTEGER,
    created_at       INTEGER NOT NULL,
    started_at       INTEGER,
    finished_at      INTEGER
);
CREATE INDEX runs_by_state ON runs (state, priority, created_at);
CREATE INDEX runs_by_deadline ON runs (deadline_at) WHERE state = 'running';
CREATE INDEX runs_by_concurrency_key ON runs (concurrency_key) WHERE concurrency_key IS NOT NULL;

-- Kept apart from runs so keys can expire while the runs stay.
CREATE TABLE idempotency_keys (
    key         TEXT    PRIMARY KEY,
    run_id      INTEGER NOT NULL REFERENCES runs (id),
    created_at  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE steps (
    id              INTEGER PRIMARY KEY,
    run_id          INTEGER NOT NULL REFERENCES runs (id),
    step_key        TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'waiting_for_retry', 'ready', 'offered', 'running', 'succeeded', 'failed', 'skipped', 'cancelled')),
    needs_json      TEXT    NOT NULL, -- JSON array of step keys; read by the store
    spec_json       TEXT    NOT NULL,
    matrix_group    TEXT,
    lease_epoch     INTEGER NOT NULL DEFAULT 0, -- the last epoch granted to any attempt of this step
    not_before      INTEGER,
    pending_reason  TEXT,
    outcome         TEXT,
    exit_code       INTEGER,
    outputs_json    TEXT,
    created_at      INTEGER NOT NULL,
    ready_at        INTEGER,
    started_at      INTEGER,
    finished_at     INTEGER,
    UNIQUE (run_id, step_key)
);
CREATE INDEX steps_ready_fifo ON steps (ready_at, id) WHERE state = 'ready';
CREATE INDEX steps_retry_due ON steps (not_before) WHERE state = 'waiting_for_retry';
CREATE INDEX steps_active ON steps (run_id) WHERE state IN ('offered', 'running');

CREATE TABLE runners (
    id                 INTEGER PRIMARY KEY,
    name               TEXT    NOT NULL UNIQUE,
    token_hash         BLOB    NOT NULL UNIQUE, -- SHA-256 of the token; the token is never stored
    labels_json        TEXT    NOT NULL,        -- JSON array of labels; read by the store
    capacity           INTEGER NOT NULL CHECK (capacity >= 0),
    state              TEXT    NOT NULL CHECK (state IN ('offline', 'online', 'lost')),
    draining           INTEGER NOT NULL DEFAULT 0,
    last_heartbeat_at  INTEGER,
    registered_at      INTEGER NOT NULL
);

CREATE TABLE attempts (
    id                INTEGER PRIMARY KEY,
    step_id           INTEGER NOT NULL REFERENCES steps (id),
    number            INTEGER NOT NULL,
    runner_id         INTEGER NOT NULL REFERENCES runners (id),
    state             TEXT    NOT NULL CHECK (state IN ('offered', 'running', 'succeeded', 'failed', 'lost', 'cancelled', 'rejected')),
    lease_epoch       INTEGER NOT NULL,
    lease_expires_at  INTEGER,
    offered_at        INTEGER NOT NULL,
    started_at        INTEGER,
    finished_at       INTEGER,
    exit_code         INTEGER,
    outcome           TEXT,
    failure_class     TEXT CHECK (failure_class IN ('exit_code', 'timeout', 'runner_lost', 'error')),
    process_ref       TEXT, -- pid or container id
    log_received      INTEGER NOT NULL DEFAULT 0, -- bytes held contiguously from 0
    log_length        INTEGER,                    -- declared by the runner
    log_checksum      TEXT,                       -- declared by the runner
    log_complete      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (step_id, number)
);
CREATE INDEX attempts_live_leases ON attempts (lease_expires_at) WHERE state IN ('offered', 'running');
CREATE INDEX attempts_live_by_runner ON attempts (runner_id) WHERE state IN ('offered', 'running');

-- Chunks never overlap: the store trims what it already holds before inserting.
CREATE TABLE log_chunks (
    id           INTEGER PRIMARY KEY,
    attempt_id   INTEGER NOT NULL REFERENCES attempts (id),
    byte_offset  INTEGER NOT NULL,
    stream       TEXT    NOT NULL CHECK (stream IN ('stdout', 'stderr', 'system')),
    data         BLOB    NOT NULL,
    UNIQUE (attempt_id, byte_offset)
);

-- Append-only. AUTOINCREMENT so a sequence is never reused even if old events are pruned one day:
-- readers resume from the last sequence they saw.
CREATE TABLE events (
    sequence    INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    entity      TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    run_id      INTEGER REFERENCES runs (id),
    step_id     INTEGER REFERENCES steps (id),
    attempt_id  INTEGER REFERENCES attempts (id),
    runner_id   INTEGER REFERENCES runners (id),
    from_state  TEXT,
    to_state    TEXT,
    data_json   TEXT
);
CREATE INDEX events_by_run ON events (run_id, sequence) WHERE run_id IS NOT NULL;
