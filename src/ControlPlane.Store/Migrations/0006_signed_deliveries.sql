-- Signed webhook bodies within the replay window (Webhooks:ReplayWindow): the same signed body sent again under any
-- delivery id answers as a redelivery of run_id. Keyed by workflow name and the SHA-256 of the raw body; rows older
-- than the window are deleted as new ones are written. run_id is NULL when the filter started no run; it is not a
-- foreign key, so retention may delete the run before the row ages out.
CREATE TABLE signed_deliveries (
    workflow     TEXT    NOT NULL,
    body_sha256  BLOB    NOT NULL CHECK (length(body_sha256) = 32),
    run_id       INTEGER,
    received_at  INTEGER NOT NULL,
    PRIMARY KEY (workflow, body_sha256)
) WITHOUT ROWID;
CREATE INDEX signed_deliveries_received ON signed_deliveries (received_at);
