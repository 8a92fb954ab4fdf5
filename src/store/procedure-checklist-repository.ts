import type { Database } from './database.ts';

/** One step of an incident's checklist, as made from the storingsprocedure at opening. */
export interface ChecklistStep {
  id: number;
  stepKey: string;
  procedureVersion: number;
  title: { nl: string; en: string };
  dueAt: Date | null;
  ownerUserId: number | null;
  ownerName: string | null;
  doneAt: Date | null;
  doneByName: string | null;
}

/** One entry of an incident's war-room log: a free action (owner, due time, done) or an internal note. */
export interface WarRoomEntry {
  id: number;
  kind: 'action' | 'note';
  text: string;
  ownerUserId: number | null;
  ownerName: string | null;
  dueAt: Date | null;
  createdByName: string | null;
  createdAt: Date;
  doneAt: Date | null;
  doneByName: string | null;
}

const date = (value: string | null): Date | null => (value === null ? null : new Date(value));

/** Writes the checklist of a newly opened incident; call it inside the opening's transaction. */
export function insertChecklist(db: Database, input: { incidentId: string; drill: boolean; procedureVersion: number; steps: { key: string; title: { nl: string; en: string }; dueAt: Date | null }[] }): void {
  const insert = db.prepare('INSERT INTO checklist_steps (incident_id, drill, procedure_version, step_key, position, title_nl, title_en, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  input.steps.forEach((step, position) => {
    insert.run(input.incidentId, input.drill ? 1 : 0, input.procedureVersion, step.key, position, step.title.nl, step.title.en, step.dueAt?.toISOString() ?? null);
  });
}

interface StepRow {
  id: number;
  step_key: string;
  procedure_version: number;
  title_nl: string;
  title_en: string;
  due_at: string | null;
  owner_user_id: number | null;
  owner_name: string | null;
  done_at: string | null;
  done_by_name: string | null;
}

export function listChecklist(db: Database, incidentId: string, drill: boolean): ChecklistStep[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.step_key, s.procedure_version, s.title_nl, s.title_en, s.due_at, s.owner_user_id, o.name AS owner_name, s.done_at, d.name AS done_by_name
       FROM checklist_steps s LEFT JOIN users o ON o.id = s.owner_user_id LEFT JOIN users d ON d.id = s.done_by
       WHERE s.incident_id = ? AND s.drill = ? ORDER BY s.position`,
    )
    .all(incidentId, drill ? 1 : 0) as unknown as StepRow[];
  return rows.map((row) => ({
    id: row.id,
    stepKey: row.step_key,
    procedureVersion: row.procedure_version,
    title: { nl: row.title_nl, en: row.title_en },
    dueAt: date(row.due_at),
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name,
    doneAt: date(row.done_at),
    doneByName: row.done_by_name,
  }));
}

/** Ticks or unticks a step; false when the incident has no such step. */
export function setChecklistStepDone(db: Database, input: { incidentId: string; drill: boolean; stepId: number; done: { by: number; at: Date } | null }): boolean {
  const result = db
    .prepare('UPDATE checklist_steps SET done_at = ?, done_by = ? WHERE id = ? AND incident_id = ? AND drill = ?')
    .run(input.done?.at.toISOString() ?? null, input.done?.by ?? null, input.stepId, input.incidentId, input.drill ? 1 : 0);
  return Number(result.changes) === 1;
}

export function setChecklistStepOwner(db: Database, input: { incidentId: string; drill: boolean; stepId: number; ownerUserId: number | null }): boolean {
  const result = db.prepare('UPDATE checklist_steps SET owner_user_id = ? WHERE id = ? AND incident_id = ? AND drill = ?').run(input.ownerUserId, input.stepId, input.incidentId, input.drill ? 1 : 0);
  return Number(result.changes) === 1;
}

export function insertWarRoomEntry(
  db: Database,
  input: { incidentId: string; drill: boolean; kind: 'action' | 'note'; text: string; ownerUserId: number | null; dueAt: Date | null; createdBy: number | null; at: Date },
): number {
  const result = db
    .prepare('INSERT INTO war_room_entries (incident_id, drill, kind, text, owner_user_id, due_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(input.incidentId, input.drill ? 1 : 0, input.kind, input.text, input.ownerUserId, input.dueAt?.toISOString() ?? null, input.createdBy, input.at.toISOString());
  return Number(result.lastInsertRowid);
}

/** Marks an action done or not done; false when the incident has no such action (notes are never ticked). */
export function setWarRoomActionDone(db: Database, input: { incidentId: string; drill: boolean; entryId: number; done: { by: number; at: Date } | null }): boolean {
  const result = db
    .prepare("UPDATE war_room_entries SET done_at = ?, done_by = ? WHERE id = ? AND incident_id = ? AND drill = ? AND kind = 'action'")
    .run(input.done?.at.toISOString() ?? null, input.done?.by ?? null, input.entryId, input.incidentId, input.drill ? 1 : 0);
  return Number(result.changes) === 1;
}

interface EntryRow {
  id: number;
  kind: 'action' | 'note';
  text: string;
  owner_user_id: number | null;
  owner_name: string | null;
  due_at: string | null;
  created_by_name: string | null;
  created_at: string;
  done_at: string | null;
  done_by_name: string | null;
}

/** The war-room log of one incident, oldest first. */
export function listWarRoomEntries(db: Database, incidentId: string, drill: boolean): WarRoomEntry[] {
  const rows = db
    .prepare(
      `SELECT e.id, e.kind, e.text, e.owner_user_id, o.name AS owner_name, e.due_at, c.name AS created_by_name, e.created_at, e.done_at, d.name AS done_by_name
       FROM war_room_entries e LEFT JOIN users o ON o.id = e.owner_user_id LEFT JOIN users c ON c.id = e.created_by LEFT JOIN users d ON d.id = e.done_by
       WHERE e.incident_id = ? AND e.drill = ? ORDER BY e.id`,
    )
    .all(incidentId, drill ? 1 : 0) as unknown as EntryRow[];
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    text: row.text,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name,
    dueAt: date(row.due_at),
    createdByName: row.created_by_name,
    createdAt: new Date(row.created_at),
    doneAt: date(row.done_at),
    doneByName: row.done_by_name,
  }));
}
