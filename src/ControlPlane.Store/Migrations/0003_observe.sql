-- 0003: retention and statistics.
-- A log removed by retention keeps its attempt row (length, checksum, bytes received) and says when it went, so a
-- reader can tell "removed" from "lost".
ALTER TABLE attempts ADD COLUMN log_removed_at INTEGER;

-- Retention finds the oldest finished runs; statistics read a window of runs by creation time.
CREATE INDEX runs_finished_by_time ON runs (finished_at) WHERE state IN ('succeeded', 'failed', 'cancelled');
CREATE INDEX runs_by_created_at ON runs (created_at);
