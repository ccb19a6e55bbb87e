-- Triggers: cron schedules with their next fire time, and what started each run.

-- One row per entry of a workflow's on.schedule, kept in step with the applied revisions. next_fire_at is NULL
-- when the expression matches no future time.
CREATE TABLE schedules (
    workflow_id     INTEGER NOT NULL REFERENCES workflows (id),
    schedule_index  INTEGER NOT NULL,
    cron            TEXT    NOT NULL,
    time_zone       TEXT    NOT NULL,
    next_fire_at    INTEGER,
    last_fired_at   INTEGER,
    PRIMARY KEY (workflow_id, schedule_index)
) WITHOUT ROWID;
CREATE INDEX schedules_due ON schedules (next_fire_at) WHERE next_fire_at IS NOT NULL;

-- The snake_case names of ControlPlane.Core.Runs.RunOrigin; the webhook payload (a JSON object) for webhook runs.
ALTER TABLE runs ADD COLUMN trigger TEXT NOT NULL DEFAULT 'manual' CHECK (trigger IN ('manual', 'schedule', 'webhook'));
ALTER TABLE runs ADD COLUMN event_json TEXT;
