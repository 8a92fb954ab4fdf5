-- Drills (brandoefeningen): a rehearsal of the outage procedure. The timeline itself is not kept
-- here: it is read from the audit log (every audited action of the drill is a step).

-- Scenarios admins wrote themselves; the shipped ones are files in drills/.
CREATE TABLE drill_scenarios (
  id TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND length(id) BETWEEN 1 AND 80),
  -- The scenario as validated by DrillScenarioSchema (src/domain/drill.ts).
  definition TEXT NOT NULL CHECK (json_valid(definition)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by_name TEXT NOT NULL
) STRICT;

CREATE TABLE drills (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  scenario_id TEXT NOT NULL,
  -- The scenario exactly as started (shipped or custom), so later edits do not change a past drill.
  scenario TEXT NOT NULL CHECK (json_valid(scenario)),
  -- Municipality ids the scenario expected to be informed at the start (scope resolved against the catalogue then).
  expected_municipalities TEXT NOT NULL CHECK (json_valid(expected_municipalities)),
  started_at TEXT NOT NULL,
  started_by INTEGER REFERENCES users (id),
  started_by_name TEXT NOT NULL,
  ended_at TEXT,
  ended_by_name TEXT,
  evaluation_notes TEXT NOT NULL DEFAULT '' CHECK (length(evaluation_notes) <= 20000),
  notes_updated_at TEXT,
  notes_updated_by_name TEXT,
  CHECK ((ended_at IS NULL) = (ended_by_name IS NULL)),
  CHECK (ended_at IS NULL OR ended_at >= started_at)
) STRICT;

-- One drill at a time: the timeline attributes drill-marked actions to the drill that was running.
CREATE UNIQUE INDEX drills_one_running ON drills ((ended_at IS NULL)) WHERE ended_at IS NULL;
CREATE INDEX drills_by_start ON drills (started_at);

-- Who plays which role; one person per role, reassignable (each assignment is audited).
CREATE TABLE drill_roles (
  drill_id INTEGER NOT NULL REFERENCES drills (id),
  role TEXT NOT NULL CHECK (role IN ('incident_manager', 'composer', 'approver')),
  user_id INTEGER NOT NULL REFERENCES users (id),
  user_name TEXT NOT NULL,
  assigned_at TEXT NOT NULL,
  assigned_by_name TEXT NOT NULL,
  PRIMARY KEY (drill_id, role)
) STRICT, WITHOUT ROWID;

-- Signals injected from the scenario, and observations noted during the drill.
CREATE TABLE drill_events (
  id INTEGER PRIMARY KEY,
  drill_id INTEGER NOT NULL REFERENCES drills (id),
  kind TEXT NOT NULL CHECK (kind IN ('injected', 'observation')),
  -- Index into the scenario's events; NULL for an observation.
  scenario_event INTEGER CHECK ((kind = 'injected') = (scenario_event IS NOT NULL)),
  at TEXT NOT NULL,
  -- LocalizedText as JSON: "…" or {"nl": "…", "en": "…"}.
  text TEXT NOT NULL CHECK (json_valid(text)),
  -- When the event changes who should be informed: municipality ids from then on.
  expected_municipalities TEXT CHECK (expected_municipalities IS NULL OR json_valid(expected_municipalities)),
  recorded_by_name TEXT NOT NULL,
  UNIQUE (drill_id, scenario_event)
) STRICT;

CREATE INDEX drill_events_by_drill ON drill_events (drill_id, at);
