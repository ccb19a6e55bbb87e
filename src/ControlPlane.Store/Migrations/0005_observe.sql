-- 0005: retention and statistics.
-- A log removed by retention keeps its attempt row (length, checksum, bytes received) and says when it went, so a
-- reader can tell "removed" from "lost".
ALTER TABLE attempts ADD COLUMN log_removed_at INTEGER;

-- Retention finds the oldest finished runs; statistics read a window of runs by creation time.
CREATE INDEX runs_finished_by_time ON runs (finished_at) WHERE state IN ('succeeded', 'failed', 'cancelled');
CREATE INDEX runs_by_created_at ON runs (created_at);

-- Deleting a run, step or attempt makes SQLite look for rows still referencing it (foreign keys); without these
-- indexes each deleted row scans the whole events table.
CREATE INDEX events_by_step ON events (step_id) WHERE step_id IS NOT NULL;
CREATE INDEX events_by_attempt ON events (attempt_id) WHERE attempt_id IS NOT NULL;
CREATE INDEX idempotency_keys_by_run ON idempotency_keys (run_id);
