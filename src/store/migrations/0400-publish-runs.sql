-- Public-site builds (src/publish). A run is one child-process `astro build` into builds/<build_id>.
CREATE TABLE publish_runs (
  id INTEGER PRIMARY KEY,
  -- Directory name under <sitesDir>/builds/, e.g. "20261127T081200Z-3f9a".
  build_id TEXT NOT NULL UNIQUE CHECK (build_id GLOB '[0-9]*T[0-9]*Z-*'),
  status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  -- The clock the build derived its state from (HELDER_NOW): maintenance status, uptime days.
  content_time TEXT NOT NULL,
  duration_ms INTEGER CHECK (duration_ms >= 0),
  -- Trimmed, readable build output of a failed run, shown in the admin.
  error TEXT,
  -- Which process holds the run: a crashed holder is recognised so its lease can be broken.
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  CHECK ((status = 'running') = (finished_at IS NULL)),
  CHECK (status = 'failed' OR error IS NULL)
) STRICT;

-- At most one build at a time, across every process sharing this database.
CREATE UNIQUE INDEX publish_runs_one_running ON publish_runs (status) WHERE status = 'running';

-- Every publish request, durable before requestPublish returns: nothing is lost in a crash.
-- run_id NULL = waiting; all waiting requests are claimed by the next run (coalescing).
CREATE TABLE publish_requests (
  id INTEGER PRIMARY KEY,
  reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  requested_at TEXT NOT NULL,
  run_id INTEGER REFERENCES publish_runs (id)
) STRICT;

CREATE INDEX publish_requests_by_run ON publish_requests (run_id);
