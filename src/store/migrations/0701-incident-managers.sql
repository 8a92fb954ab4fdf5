-- The incident manager of each incident (issue 11): the person who keeps the overview, assigns
-- actions and makes sure the steps of the outage procedure are taken. Incidents live in content/
-- (public); who leads one is internal, so it lives here. One row per assignment or handover, the
-- latest per incident is the current one; the history stays for the audit and the drill report.

-- The new staff role "incidentmanager". SQLite cannot change a CHECK, so the table is rebuilt.
CREATE TABLE user_roles_v2 (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('composer', 'approver', 'admin', 'incident_manager')),
  PRIMARY KEY (user_id, role)
) STRICT, WITHOUT ROWID;
INSERT INTO user_roles_v2 (user_id, role) SELECT user_id, role FROM user_roles;
DROP TABLE user_roles;
ALTER TABLE user_roles_v2 RENAME TO user_roles;
CREATE INDEX user_roles_by_role ON user_roles (role, user_id);

CREATE TABLE incident_managers (
  id INTEGER PRIMARY KEY,
  incident_id TEXT NOT NULL CHECK (length(incident_id) BETWEEN 1 AND 80),
  -- A drill incident's manager belongs to the drill; the same id can never mix the two.
  drill INTEGER NOT NULL CHECK (drill IN (0, 1)),
  user_id INTEGER NOT NULL REFERENCES users (id),
  -- Who assigned or handed over; NULL for the installation itself.
  assigned_by INTEGER REFERENCES users (id),
  assigned_at TEXT NOT NULL,
  -- The handover note for the next manager; NULL for the first assignment at opening.
  note TEXT CHECK (note IS NULL OR length(trim(note)) >= 5)
) STRICT;

CREATE INDEX incident_managers_by_incident ON incident_managers (incident_id, drill, id);

CREATE TRIGGER incident_managers_no_update BEFORE UPDATE ON incident_managers
BEGIN
  SELECT RAISE(ABORT, 'incident manager assignments are append-only');
END;

CREATE TRIGGER incident_managers_no_delete BEFORE DELETE ON incident_managers
BEGIN
  SELECT RAISE(ABORT, 'incident manager assignments are append-only');
END;
