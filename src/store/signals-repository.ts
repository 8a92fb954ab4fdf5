import type { Signal, SignalSource, SpikeSuggestion } from '../domain/index.ts';
import type { Database } from './database.ts';
import { prepared } from './prepared-statements.ts';

interface SignalRow {
  id: number;
  drill: number;
  drill_id: number | null;
  product: string | null;
  municipality: string | null;
  source: SignalSource;
  reference: string;
  summary: string;
  received_at: string;
  recorded_at: string;
  recorded_by_name: string;
  unmapped: string | null;
  incident_id: string | null;
}

function signalFromRow(row: SignalRow): Signal {
  return {
    id: row.id,
    drill: row.drill === 1,
    drillId: row.drill_id,
    product: row.product,
    municipality: row.municipality,
    source: row.source,
    reference: row.reference,
    summary: row.summary,
    receivedAt: new Date(row.received_at),
    recordedAt: new Date(row.recorded_at),
    recordedByName: row.recorded_by_name,
    unmapped: row.unmapped === null ? null : (JSON.parse(row.unmapped) as Record<string, string>),
    incidentId: row.incident_id,
  };
}

/** A signal as it is recorded: the store gives it its id; it is linked to an incident later. */
export type NewSignal = Omit<Signal, 'id' | 'incidentId'>;

/**
 * The signals that count together (deduplication, the spike rule, the one open alert per
 * product): the live ones, or those of ONE drill run, so a drill started within the spike window
 * of an earlier one never counts that drill's signals. `drillId` null with `drill` true: drill
 * signals recorded in a training instance while no drill ran.
 */
export interface SignalRun {
  drill: boolean;
  drillId: number | null;
}

const IN_RUN = 'drill = ? AND drill_id IS ?';
function runParams(run: SignalRun): [number, number | null] {
  return [run.drill ? 1 : 0, run.drill ? run.drillId : null];
}

/**
 * Stores a signal unless one with the same source and reference exists in its run; returns the
 * id and whether it is new.
 */
export function insertSignal(db: Database, signal: NewSignal): { id: number; created: boolean } {
  const result = prepared(
    db, 
      `INSERT INTO signals (drill, drill_id, product, municipality, source, reference, summary, received_at, recorded_at, recorded_by_name, unmapped)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    )
    .run(
      signal.drill ? 1 : 0,
      signal.drill ? signal.drillId : null,
      signal.product,
      signal.municipality,
      signal.source,
      signal.reference,
      signal.summary,
      signal.receivedAt.toISOString(),
      signal.recordedAt.toISOString(),
      signal.recordedByName,
      signal.unmapped === null ? null : JSON.stringify(signal.unmapped),
    );
  if (Number(result.changes) === 1) return { id: Number(result.lastInsertRowid), created: true };
  const existing = prepared(db, `SELECT id FROM signals WHERE ${IN_RUN} AND source = ? AND reference = ?`).get(...runParams(signal), signal.source, signal.reference) as { id: number };
  return { id: existing.id, created: false };
}

/** The latest reported time of a source's signals, or null when it has none yet. */
export function latestReceivedAt(db: Database, drill: boolean, source: SignalSource): Date | null {
  const row = prepared(db, 'SELECT max(received_at) AS latest FROM signals WHERE drill = ? AND source = ?').get(drill ? 1 : 0, source) as { latest: string | null };
  return row.latest ? new Date(row.latest) : null;
}

export function findSignal(db: Database, drill: boolean, id: number): Signal | null {
  const row = prepared(db, 'SELECT * FROM signals WHERE drill = ? AND id = ?').get(drill ? 1 : 0, id) as unknown as SignalRow | undefined;
  return row ? signalFromRow(row) : null;
}

export interface SignalFilter {
  product?: string;
  municipality?: string;
  /** Only records that could not be mapped to a product or municipality. */
  unmapped?: boolean;
  incidentId?: string;
  /** Only the signals of this drill run. */
  drillId?: number;
  from?: Date;
  until?: Date;
}

/** Newest first. */
export function listSignals(db: Database, drill: boolean, filter: SignalFilter = {}, limit = 200): Signal[] {
  const where = ['drill = ?'];
  const params: Array<string | number> = [drill ? 1 : 0];
  if (filter.product !== undefined) (where.push('product = ?'), params.push(filter.product));
  if (filter.municipality !== undefined) (where.push('municipality = ?'), params.push(filter.municipality));
  if (filter.unmapped) where.push('unmapped IS NOT NULL');
  if (filter.incidentId !== undefined) (where.push('incident_id = ?'), params.push(filter.incidentId));
  if (filter.drillId !== undefined) (where.push('drill_id = ?'), params.push(filter.drillId));
  if (filter.from) (where.push('received_at >= ?'), params.push(filter.from.toISOString()));
  if (filter.until) (where.push('received_at <= ?'), params.push(filter.until.toISOString()));
  params.push(Math.min(Math.max(limit, 1), 5000));
  const rows = prepared(db, `SELECT * FROM signals WHERE ${where.join(' AND ')} ORDER BY received_at DESC, id DESC LIMIT ?`).all(...params) as unknown as SignalRow[];
  return rows.map(signalFromRow);
}

/** The mapped signals of one product in one run from `from` on (inclusive), as the spike rule needs them. */
export function signalPointsOf(db: Database, run: SignalRun, product: string, from: Date, until: Date): Array<{ municipality: string; receivedAt: Date }> {
  const rows = prepared(
    db, `SELECT municipality, received_at FROM signals WHERE ${IN_RUN} AND product = ? AND received_at >= ? AND received_at <= ? AND municipality IS NOT NULL`)
    .all(...runParams(run), product, from.toISOString(), until.toISOString()) as Array<{ municipality: string; received_at: string }>;
  return rows.map((row) => ({ municipality: row.municipality, receivedAt: new Date(row.received_at) }));
}

export function countSignalsOf(db: Database, run: SignalRun, product: string, from: Date, until: Date): number {
  const row = prepared(db, `SELECT count(*) AS n FROM signals WHERE ${IN_RUN} AND product = ? AND received_at >= ? AND received_at < ?`).get(...runParams(run), product, from.toISOString(), until.toISOString()) as { n: number };
  return row.n;
}

/** Links the product's unlinked signals received in [from, until] to an incident; returns how many. */
export function linkSignals(db: Database, drill: boolean, product: string, from: Date, until: Date, incidentId: string): number {
  const { changes } = prepared(
    db, 'UPDATE signals SET incident_id = ? WHERE drill = ? AND product = ? AND received_at >= ? AND received_at <= ? AND incident_id IS NULL')
    .run(incidentId, drill ? 1 : 0, product, from.toISOString(), until.toISOString());
  return Number(changes);
}

/** Signal counts per product and time bucket, for the timeline chart. */
export function countSignalsPerBucket(db: Database, drill: boolean, product: string, from: Date, until: Date, bucketMs: number): number[] {
  const buckets = new Array<number>(Math.ceil((until.getTime() - from.getTime()) / bucketMs)).fill(0);
  const rows = prepared(
    db, 'SELECT received_at FROM signals WHERE drill = ? AND product = ? AND received_at >= ? AND received_at < ?')
    .all(drill ? 1 : 0, product, from.toISOString(), until.toISOString()) as Array<{ received_at: string }>;
  for (const row of rows) {
    const index = Math.floor((new Date(row.received_at).getTime() - from.getTime()) / bucketMs);
    if (index >= 0 && index < buckets.length) buckets[index]! += 1;
  }
  return buckets;
}

// ---- alerts

export interface SignalAlert {
  id: number;
  drill: boolean;
  /** The drill run whose signals raised it; null for live alerts. */
  drillId: number | null;
  product: string;
  suggestion: SpikeSuggestion;
  municipalities: string[];
  count: number;
  firstAt: Date;
  lastAt: Date;
  raisedAt: Date;
  closedAt: Date | null;
  closedByName: string | null;
  closeReason: 'handled' | 'linked' | null;
  incidentId: string | null;
}

interface AlertRow {
  id: number;
  drill: number;
  drill_id: number | null;
  product: string;
  suggestion: SpikeSuggestion;
  municipalities: string;
  signal_count: number;
  first_at: string;
  last_at: string;
  raised_at: string;
  closed_at: string | null;
  closed_by_name: string | null;
  close_reason: 'handled' | 'linked' | null;
  incident_id: string | null;
}

function alertFromRow(row: AlertRow): SignalAlert {
  return {
    id: row.id,
    drill: row.drill === 1,
    drillId: row.drill_id,
    product: row.product,
    suggestion: row.suggestion,
    municipalities: JSON.parse(row.municipalities) as string[],
    count: row.signal_count,
    firstAt: new Date(row.first_at),
    lastAt: new Date(row.last_at),
    raisedAt: new Date(row.raised_at),
    closedAt: row.closed_at === null ? null : new Date(row.closed_at),
    closedByName: row.closed_by_name,
    closeReason: row.close_reason,
    incidentId: row.incident_id,
  };
}

/** The open alert of a product in one run. */
export function findOpenAlert(db: Database, run: SignalRun, product: string): SignalAlert | null {
  const row = prepared(db, `SELECT * FROM signal_alerts WHERE ${IN_RUN} AND product = ? AND closed_at IS NULL`).get(...runParams(run), product) as unknown as AlertRow | undefined;
  return row ? alertFromRow(row) : null;
}

export function findAlert(db: Database, drill: boolean, id: number): SignalAlert | null {
  const row = prepared(db, 'SELECT * FROM signal_alerts WHERE drill = ? AND id = ?').get(drill ? 1 : 0, id) as unknown as AlertRow | undefined;
  return row ? alertFromRow(row) : null;
}

/** Open alerts, newest first. */
export function listOpenAlerts(db: Database, drill: boolean): SignalAlert[] {
  const rows = prepared(db, 'SELECT * FROM signal_alerts WHERE drill = ? AND closed_at IS NULL ORDER BY raised_at DESC, id DESC').all(drill ? 1 : 0) as unknown as AlertRow[];
  return rows.map(alertFromRow);
}

/** The alerts of one drill run, open and closed, newest first. */
export function listAlertsOfDrill(db: Database, drillId: number): SignalAlert[] {
  const rows = prepared(db, 'SELECT * FROM signal_alerts WHERE drill = 1 AND drill_id = ? ORDER BY raised_at DESC, id DESC').all(drillId) as unknown as AlertRow[];
  return rows.map(alertFromRow);
}

/** Recent alerts, open and closed, newest first. */
export function listAlerts(db: Database, drill: boolean, since: Date): SignalAlert[] {
  const rows = prepared(db, 'SELECT * FROM signal_alerts WHERE drill = ? AND raised_at >= ? ORDER BY raised_at DESC, id DESC').all(drill ? 1 : 0, since.toISOString()) as unknown as AlertRow[];
  return rows.map(alertFromRow);
}

export function insertAlert(db: Database, alert: { drill: boolean; drillId: number | null; product: string; suggestion: SpikeSuggestion; municipalities: readonly string[]; count: number; firstAt: Date; lastAt: Date; raisedAt: Date }): number {
  const { lastInsertRowid } = prepared(
    db, 'INSERT INTO signal_alerts (drill, drill_id, product, suggestion, municipalities, signal_count, first_at, last_at, raised_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(...runParams(alert), alert.product, alert.suggestion, JSON.stringify([...alert.municipalities].sort()), alert.count, alert.firstAt.toISOString(), alert.lastAt.toISOString(), alert.raisedAt.toISOString());
  return Number(lastInsertRowid);
}

export function updateAlert(db: Database, id: number, alert: { suggestion: SpikeSuggestion; municipalities: readonly string[]; count: number; firstAt: Date; lastAt: Date }): void {
  prepared(db, 'UPDATE signal_alerts SET suggestion = ?, municipalities = ?, signal_count = ?, first_at = ?, last_at = ? WHERE id = ?').run(
    alert.suggestion,
    JSON.stringify([...alert.municipalities].sort()),
    alert.count,
    alert.firstAt.toISOString(),
    alert.lastAt.toISOString(),
    id,
  );
}

/** Closes an open alert; false when it was already closed (another tab, a second click). */
export function closeAlert(db: Database, id: number, close: { at: Date; byName: string; reason: 'handled' | 'linked'; incidentId: string | null }): boolean {
  const { changes } = prepared(
    db, 'UPDATE signal_alerts SET closed_at = ?, closed_by_name = ?, close_reason = ?, incident_id = ? WHERE id = ? AND closed_at IS NULL')
    .run(close.at.toISOString(), close.byName, close.reason, close.incidentId, id);
  return Number(changes) === 1;
}

/** Whether a signal with this source and reference is stored in this run. */
export function hasSignal(db: Database, run: SignalRun, source: SignalSource, reference: string): boolean {
  return prepared(db, `SELECT 1 AS found FROM signals WHERE ${IN_RUN} AND source = ? AND reference = ?`).get(...runParams(run), source, reference) !== undefined;
}

/**
 * The earliest reported time (received_at) among one drill run's signals, or null: when the first
 * customer called, of those that came in during that drill.
 */
export function firstSignalReceivedAt(db: Database, drillId: number): Date | null {
  const row = prepared(db, 'SELECT min(received_at) AS first FROM signals WHERE drill = 1 AND drill_id = ?').get(drillId) as { first: string | null };
  return row.first ? new Date(row.first) : null;
}

/** When one drill run's first alert was raised, or null. */
export function firstAlertRaisedAt(db: Database, drillId: number): Date | null {
  const row = prepared(db, 'SELECT min(raised_at) AS first FROM signal_alerts WHERE drill = 1 AND drill_id = ?').get(drillId) as { first: string | null };
  return row.first ? new Date(row.first) : null;
}

/** Whether an alert is a drill's or a live one, whatever the mode asking; null when there is no such alert. */
export function alertMode(db: Database, id: number): { drill: boolean } | null {
  const row = prepared(db, 'SELECT drill FROM signal_alerts WHERE id = ?').get(id) as { drill: number } | undefined;
  return row ? { drill: row.drill === 1 } : null;
}
