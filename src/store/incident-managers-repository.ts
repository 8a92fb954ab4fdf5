import type { Database } from './database.ts';

/** One assignment of an incident manager: at opening (no note) or a handover (with its note). */
export interface IncidentManagerAssignment {
  incidentId: string;
  drill: boolean;
  userId: number;
  userName: string;
  assignedBy: number | null;
  assignedByName: string | null;
  at: Date;
  note: string | null;
}

interface Row {
  incident_id: string;
  drill: number;
  user_id: number;
  user_name: string;
  assigned_by: number | null;
  assigned_by_name: string | null;
  assigned_at: string;
  note: string | null;
}

const SELECT = `
  SELECT m.incident_id, m.drill, m.user_id, u.name AS user_name, m.assigned_by, b.name AS assigned_by_name, m.assigned_at, m.note
  FROM incident_managers m JOIN users u ON u.id = m.user_id LEFT JOIN users b ON b.id = m.assigned_by`;

function fromRow(row: Row): IncidentManagerAssignment {
  return {
    incidentId: row.incident_id,
    drill: row.drill === 1,
    userId: row.user_id,
    userName: row.user_name,
    assignedBy: row.assigned_by,
    assignedByName: row.assigned_by_name,
    at: new Date(row.assigned_at),
    note: row.note,
  };
}

/** Records an assignment; call it inside the transaction of the change it belongs to. */
export function insertIncidentManager(db: Database, input: { incidentId: string; drill: boolean; userId: number; assignedBy: number | null; at: Date; note: string | null }): void {
  db.prepare('INSERT INTO incident_managers (incident_id, drill, user_id, assigned_by, assigned_at, note) VALUES (?, ?, ?, ?, ?, ?)').run(
    input.incidentId,
    input.drill ? 1 : 0,
    input.userId,
    input.assignedBy,
    input.at.toISOString(),
    input.note,
  );
}

/** Every assignment of one incident, oldest first; the last one is the current manager. */
export function listIncidentManagers(db: Database, incidentId: string, drill: boolean): IncidentManagerAssignment[] {
  return (db.prepare(`${SELECT} WHERE m.incident_id = ? AND m.drill = ? ORDER BY m.id`).all(incidentId, drill ? 1 : 0) as unknown as Row[]).map(fromRow);
}

/** The current manager of each of these incidents, by incident id. */
export function currentIncidentManagers(db: Database, drill: boolean): Map<string, IncidentManagerAssignment> {
  const rows = db
    .prepare(`${SELECT} WHERE m.drill = ? AND m.id = (SELECT max(id) FROM incident_managers l WHERE l.incident_id = m.incident_id AND l.drill = m.drill)`)
    .all(drill ? 1 : 0) as unknown as Row[];
  return new Map(rows.map((row) => [row.incident_id, fromRow(row)]));
}
