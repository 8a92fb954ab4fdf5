-- The storingsprocedure per incident (issue 11): the checklist made from templates/storingsprocedure.yaml
-- when the incident is opened, and the war-room log of free actions and internal notes. All of it
-- is internal: it lives here, never in content/, and nothing reads it for the public build or mail.

CREATE TABLE checklist_steps (
  id INTEGER PRIMARY KEY,
  incident_id TEXT NOT NULL CHECK (length(incident_id) BETWEEN 1 AND 80),
  -- A drill incident's checklist belongs to the drill; the same id can never mix the two.
  drill INTEGER NOT NULL CHECK (drill IN (0, 1)),
  procedure_version INTEGER NOT NULL,
  step_key TEXT NOT NULL,
  position INTEGER NOT NULL,
  -- Copied from the procedure, so a later edit of the file never rewrites a running checklist.
  title_nl TEXT NOT NULL,
  title_en TEXT NOT NULL,
  due_at TEXT,
  owner_user_id INTEGER REFERENCES users (id),
  done_at TEXT,
  done_by INTEGER REFERENCES users (id),
  CHECK ((done_at IS NULL) = (done_by IS NULL)),
  UNIQUE (incident_id, drill, step_key)
) STRICT;

CREATE TABLE war_room_entries (
  id INTEGER PRIMARY KEY,
  incident_id TEXT NOT NULL CHECK (length(incident_id) BETWEEN 1 AND 80),
  drill INTEGER NOT NULL CHECK (drill IN (0, 1)),
  kind TEXT NOT NULL CHECK (kind IN ('action', 'note')),
  text TEXT NOT NULL CHECK (length(trim(text)) BETWEEN 2 AND 2000),
  owner_user_id INTEGER REFERENCES users (id),
  due_at TEXT,
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL,
  done_at TEXT,
  done_by INTEGER REFERENCES users (id),
  CHECK ((done_at IS NULL) = (done_by IS NULL)),
  -- A note is a record of what was said or decided: no owner, deadline or tick.
  CHECK (kind = 'action' OR (owner_user_id IS NULL AND due_at IS NULL AND done_at IS NULL))
) STRICT;

CREATE INDEX war_room_entries_by_incident ON war_room_entries (incident_id, drill, id);

CREATE TRIGGER war_room_notes_no_change BEFORE UPDATE ON war_room_entries WHEN OLD.kind = 'note'
BEGIN
  SELECT RAISE(ABORT, 'war-room notes are append-only');
END;

CREATE TRIGGER war_room_entries_no_delete BEFORE DELETE ON war_room_entries
BEGIN
  SELECT RAISE(ABORT, 'war-room entries are kept');
END;
