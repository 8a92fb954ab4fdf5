-- Signed-in browser sessions. Only the SHA-256 of the 256-bit cookie token is kept, so a copy of
-- the database does not let anyone take over a session.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  client_address TEXT
) STRICT;

CREATE INDEX sessions_by_user ON sessions (user_id);
