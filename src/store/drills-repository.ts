import type { SQLInputValue } from 'node:sqlite';
import { DrillScenarioSchema, type DrillRole, type DrillScenario } from '../domain/drill.ts';
import type { LocalizedText } from '../domain/localized-text.ts';
import type { Database } from './database.ts';

/** A drill as stored: the frozen scenario, its window, and the team's evaluation notes. */
export interface DrillRecord {
  id: number;
  scenarioId: string;
  scenario: DrillScenario;
  expectedMunicipalities: string[];
  startedAt: Date;
  startedBy: number | null;
  startedByName: string;
  /** How much faster than real time the scenario's timed signals arrive (1: real time). */
  signalSpeed: number;
  endedAt: Date | null;
  endedByName: string | null;
  notes: string;
  notesUpdatedAt: Date | null;
  notesUpdatedByName: string | null;
}

export interface DrillRoleAssignment {
  role: DrillRole;
  userId: number;
  userName: string;
  assignedAt: Date;
  assignedByName: string;
}

export interface DrillEventRecord {
  id: number;
  kind: 'injected' | 'observation';
  scenarioEvent: number | null;
  at: Date;
  text: LocalizedText;
  expectedMunicipalities: string[] | null;
  recordedByName: string;
}

/** Another drill is running: one at a time, so every drill-marked action belongs to exactly one drill. */
export class DrillAlreadyRunningError extends Error {
  readonly code = 'drill_running';
  constructor(running: number) {
    super(`drill ${running} is still running; end it before starting another`);
    this.name = 'DrillAlreadyRunningError';
  }
}

interface DrillRow {
  id: number;
  scenario_id: string;
  scenario: string;
  expected_municipalities: string;
  started_at: string;
  started_by: number | null;
  started_by_name: string;
  signal_speed: number;
  ended_at: string | null;
  ended_by_name: string | null;
  evaluation_notes: string;
  notes_updated_at: string | null;
  notes_updated_by_name: string | null;
}

const date = (value: string | null) => (value === null ? null : new Date(value));

function drillFromRow(row: DrillRow): DrillRecord {
  return {
    id: row.id,
    scenarioId: row.scenario_id,
    // Stored rows passed the schema on the way in; parsing again keeps one definition of a scenario.
    scenario: DrillScenarioSchema.parse(JSON.parse(row.scenario)),
    expectedMunicipalities: JSON.parse(row.expected_municipalities) as string[],
    startedAt: new Date(row.started_at),
    startedBy: row.started_by,
    startedByName: row.started_by_name,
    signalSpeed: row.signal_speed,
    endedAt: date(row.ended_at),
    endedByName: row.ended_by_name,
    notes: row.evaluation_notes,
    notesUpdatedAt: date(row.notes_updated_at),
    notesUpdatedByName: row.notes_updated_by_name,
  };
}

export function insertDrill(
  db: Database,
  input: { scenario: DrillScenario; expectedMunicipalities: readonly string[]; at: Date; startedBy: number | null; startedByName: string; signalSpeed?: number },
): number {
  const running = findRunningDrill(db);
  if (running) throw new DrillAlreadyRunningError(running.id);
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO drills (scenario_id, scenario, expected_municipalities, started_at, started_by, started_by_name, signal_speed)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(input.scenario.id, JSON.stringify(input.scenario), JSON.stringify([...input.expectedMunicipalities].sort()), input.at.toISOString(), input.startedBy, input.startedByName, input.signalSpeed ?? 1);
  return Number(lastInsertRowid);
}

export function findDrill(db: Database, id: number): DrillRecord | null {
  const row = db.prepare('SELECT * FROM drills WHERE id = ?').get(id) as unknown as DrillRow | undefined;
  return row ? drillFromRow(row) : null;
}

export function findRunningDrill(db: Database): DrillRecord | null {
  const row = db.prepare('SELECT * FROM drills WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1').get() as unknown as DrillRow | undefined;
  return row ? drillFromRow(row) : null;
}

/** Newest first. */
export function listDrills(db: Database, options: { limit?: number } = {}): DrillRecord[] {
  const rows = db.prepare('SELECT * FROM drills ORDER BY started_at DESC, id DESC LIMIT ?').all(Math.min(Math.max(options.limit ?? 100, 1), 1000)) as unknown as DrillRow[];
  return rows.map(drillFromRow);
}

/** Ends a running drill; false when it had already ended (a second click, another tab). */
export function markDrillEnded(db: Database, id: number, at: Date, byName: string): boolean {
  const { changes } = db.prepare('UPDATE drills SET ended_at = ?, ended_by_name = ? WHERE id = ? AND ended_at IS NULL').run(at.toISOString(), byName, id);
  return Number(changes) === 1;
}

export function saveDrillNotes(db: Database, id: number, notes: string, at: Date, byName: string): void {
  db.prepare('UPDATE drills SET evaluation_notes = ?, notes_updated_at = ?, notes_updated_by_name = ? WHERE id = ?').run(notes, at.toISOString(), byName, id);
}

export function upsertDrillRole(db: Database, drillId: number, assignment: DrillRoleAssignment): void {
  db.prepare(
    `INSERT INTO drill_roles (drill_id, role, user_id, user_name, assigned_at, assigned_by_name) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (drill_id, role) DO UPDATE SET user_id = excluded.user_id, user_name = excluded.user_name,
       assigned_at = excluded.assigned_at, assigned_by_name = excluded.assigned_by_name`,
  ).run(drillId, assignment.role, assignment.userId, assignment.userName, assignment.assignedAt.toISOString(), assignment.assignedByName);
}

export function listDrillRoles(db: Database, drillId: number): DrillRoleAssignment[] {
  const rows = db.prepare('SELECT * FROM drill_roles WHERE drill_id = ? ORDER BY role').all(drillId) as Array<{
    role: DrillRole;
    user_id: number;
    user_name: string;
    assigned_at: string;
    assigned_by_name: string;
  }>;
  return rows.map((row) => ({ role: row.role, userId: row.user_id, userName: row.user_name, assignedAt: new Date(row.assigned_at), assignedByName: row.assigned_by_name }));
}

export function insertDrillEvent(
  db: Database,
  drillId: number,
  event: { kind: 'injected' | 'observation'; scenarioEvent: number | null; at: Date; text: LocalizedText; expectedMunicipalities: readonly string[] | null; recordedByName: string },
): number {
  const { lastInsertRowid } = db
    .prepare('INSERT INTO drill_events (drill_id, kind, scenario_event, at, text, expected_municipalities, recorded_by_name) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(
      drillId,
      event.kind,
      event.scenarioEvent,
      event.at.toISOString(),
      JSON.stringify(event.text),
      event.expectedMunicipalities === null ? null : JSON.stringify([...event.expectedMunicipalities].sort()),
      event.recordedByName,
    );
  return Number(lastInsertRowid);
}

/** Oldest first. */
export function listDrillEvents(db: Database, drillId: number): DrillEventRecord[] {
  const rows = db.prepare('SELECT * FROM drill_events WHERE drill_id = ? ORDER BY at, id').all(drillId) as Array<{
    id: number;
    kind: 'injected' | 'observation';
    scenario_event: number | null;
    at: string;
    text: string;
    expected_municipalities: string | null;
    recorded_by_name: string;
  }>;
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    scenarioEvent: row.scenario_event,
    at: new Date(row.at),
    text: JSON.parse(row.text) as LocalizedText,
    expectedMunicipalities: row.expected_municipalities === null ? null : (JSON.parse(row.expected_municipalities) as string[]),
    recordedByName: row.recorded_by_name,
  }));
}

/* Custom scenarios */

export function upsertDrillScenario(db: Database, scenario: DrillScenario, at: Date, byName: string): void {
  db.prepare(
    `INSERT INTO drill_scenarios (id, definition, created_at, updated_at, updated_by_name) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at, updated_by_name = excluded.updated_by_name`,
  ).run(scenario.id, JSON.stringify(scenario), at.toISOString(), at.toISOString(), byName);
}

export function listDrillScenarios(db: Database): DrillScenario[] {
  const rows = db.prepare('SELECT definition FROM drill_scenarios ORDER BY id').all() as Array<{ definition: string }>;
  return rows.map((row) => DrillScenarioSchema.parse(JSON.parse(row.definition)));
}

/* What the report needs from other tables */

/**
 * Municipalities of the contacts in a message's frozen audience. An address that is a contact for
 * several municipalities received one e-mail, and counts for each of them.
 */
export function audienceMunicipalities(db: Database, messageId: string): string[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT c.municipality FROM message_audience a
         JOIN contacts c ON lower(c.email) = lower(a.address)
        WHERE a.message_id = ? ORDER BY c.municipality`,
    )
    .all(messageId) as Array<{ municipality: string }>;
  return rows.map((row) => row.municipality);
}

/** Municipalities with at least one active, subscribed contact. */
export function municipalitiesWithContacts(db: Database): string[] {
  const rows = db.prepare('SELECT DISTINCT municipality FROM contacts WHERE active = 1 AND unsubscribed_at IS NULL ORDER BY municipality').all() as Array<{
    municipality: string;
  }>;
  return rows.map((row) => row.municipality);
}

/** Drill messages, newest first, with the subject each is about ("incident:<id>"). */
export function drillMessageSubjects(db: Database, options: { from: Date; to: Date | null }): Map<string, string> {
  const params: SQLInputValue[] = [options.from.toISOString()];
  let sql = "SELECT id, subject_kind, subject_id FROM messages WHERE drill = 1 AND created_at >= ?";
  if (options.to) {
    sql += ' AND created_at <= ?';
    params.push(options.to.toISOString());
  }
  const rows = db.prepare(sql).all(...params) as Array<{ id: string; subject_kind: string; subject_id: string }>;
  return new Map(rows.map((row) => [row.id, `${row.subject_kind}:${row.subject_id}`]));
}
