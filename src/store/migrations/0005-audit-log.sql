-- Append-only audit log. Each row's hash covers its content and the previous row's hash, so an
-- edit or a removed row breaks the chain (see src/store/audit-log.ts, `helder audit verify`).
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY CHECK (seq >= 1),
  at TEXT NOT NULL,
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('user', 'system')),
  -- No foreign key: the log must outlive any row it mentions, and it is never rewritten.
  actor_user_id INTEGER,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  subject_type TEXT,
  subject_id TEXT,
  details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
  drill INTEGER NOT NULL DEFAULT 0 CHECK (drill IN (0, 1)),
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
  CHECK ((actor_kind = 'user') = (actor_user_id IS NOT NULL))
) STRICT;

CREATE INDEX audit_log_by_at ON audit_log (at);
CREATE INDEX audit_log_by_action ON audit_log (action, seq);
CREATE INDEX audit_log_by_actor ON audit_log (actor_user_id, seq);
CREATE INDEX audit_log_by_subject ON audit_log (subject_type, subject_id, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE is not allowed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: DELETE is not allowed');
END;
