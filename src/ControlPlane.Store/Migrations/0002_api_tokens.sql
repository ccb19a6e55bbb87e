-- 0002: API tokens and removable runners.
-- Tokens are kept as SHA-256 hashes only and never deleted: a revoked token stays as an audit record.

CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    role        TEXT    NOT NULL CHECK (role IN ('admin', 'operator', 'viewer', 'runner')),
    token_hash  BLOB    NOT NULL UNIQUE, -- SHA-256 of the token; the token is never stored
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER,
    revoked_at  INTEGER
);
CREATE INDEX api_tokens_usable_by_role ON api_tokens (role) WHERE revoked_at IS NULL;

-- A removed runner keeps its row, because attempts and events reference it; its token hash is replaced by random
-- bytes no token hashes to, and it is renamed so its name can be registered again.
ALTER TABLE runners ADD COLUMN removed_at INTEGER;
