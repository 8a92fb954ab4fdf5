-- Copies of good builds to the configured publish targets (src/deploy): an S3 bucket, a command hook.
-- One row per attempt; the newest row of a target is what the admin dashboard shows.
CREATE TABLE publish_target_runs (
  id INTEGER PRIMARY KEY,
  target TEXT NOT NULL CHECK (target IN ('s3', 'command')),
  -- The build (publish_runs.build_id) this attempt copies.
  build_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'superseded')),
  -- 1 for the first try of a build, counting up with every retry of the same build.
  attempt INTEGER NOT NULL CHECK (attempt >= 1),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  -- Files written, left as they were (same bytes already there), and removed (gone from the build).
  uploaded INTEGER NOT NULL DEFAULT 0 CHECK (uploaded >= 0),
  unchanged INTEGER NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted >= 0),
  -- Why an attempt failed (the admin says it in words of its own), the command's exit code, the
  -- technical detail (the store's error, the command's last output; never credentials), and when
  -- it is tried again.
  failure TEXT CHECK (failure IN ('store_unreachable', 'store_refused', 'command_failed', 'command_timeout', 'command_not_started', 'interrupted', 'unknown')),
  exit_code INTEGER,
  error TEXT,
  next_attempt_at TEXT,
  CHECK ((status = 'running') = (finished_at IS NULL)),
  CHECK ((status = 'failed') = (failure IS NOT NULL)),
  CHECK (status = 'failed' OR (error IS NULL AND exit_code IS NULL AND next_attempt_at IS NULL))
) STRICT;

CREATE INDEX publish_target_runs_by_target ON publish_target_runs (target, id);
