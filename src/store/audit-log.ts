import { createHash, createHmac } from 'node:crypto';
import type { SQLInputValue, StatementSync } from 'node:sqlite';
import { transaction, type Database } from './database.ts';
import { AUDIT_ACTIONS, isAuditAction, type AuditAction } from './audit-actions.ts';
import { auditKeyOf } from './audit-key.ts';

/** Who did it: a signed-in user, or the system itself (CLI, demo seeding, dispatcher, publisher). */
export type AuditActor = { kind: 'user'; userId: number; name: string } | { kind: 'system'; name: string };

export const SYSTEM_ACTOR: AuditActor = { kind: 'system', name: 'system' };

export interface AuditEntryInput {
  actor: AuditActor;
  action: AuditAction;
  /** What the action was about, e.g. { type: 'message', id: '42' }. */
  subject?: { type: string; id: string | number } | undefined;
  /** Small facts that explain the event (never passwords, tokens or message bodies). */
  details?: Record<string, unknown> | undefined;
  /** True for events in a training drill, so the audit page can separate them. */
  drill?: boolean | undefined;
  /** Defaults to now; use cases pass their injected clock's time. */
  at?: Date | undefined;
}

export interface AuditEntry {
  seq: number;
  at: Date;
  actor: AuditActor;
  action: AuditAction;
  subject: { type: string; id: string } | null;
  details: Record<string, unknown>;
  drill: boolean;
  prevHash: string;
  hash: string;
}

/** prev_hash of the first row: there is nothing before it. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export class AuditInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditInputError';
  }
}

/** One stored row, exactly as in the audit_log table. */
export interface AuditRow {
  seq: number;
  at: string;
  actor_kind: string;
  actor_user_id: number | null;
  actor_name: string;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  details: string;
  drill: number;
  prev_hash: string;
  hash: string;
  /** 1: `hash` is the HMAC with the audit key; 0: a plain SHA-256 from before the chain was keyed. */
  keyed: number;
}

/**
 * Appends one entry to the hash-chained audit log. Inside a caller's transaction it joins that
 * transaction (the entry commits or rolls back with the change it describes); outside one it
 * takes its own, so reading the chain head and inserting after it can never interleave.
 */
export function appendAudit(db: Database, entry: AuditEntryInput): AuditEntry {
  const row = validatedRow(entry);
  const key = auditKeyOf(db);
  const statements = appendStatements(db);
  const write = (): AuditEntry => {
    const head = statements.head.get() as { seq: number; hash: string } | undefined;
    const seq = (head?.seq ?? 0) + 1;
    const prevHash = head?.hash ?? AUDIT_GENESIS_HASH;
    const complete: AuditRow = { ...row, seq, prev_hash: prevHash, hash: '', keyed: 1 };
    complete.hash = keyedAuditHash(complete, key);
    statements.insert.run(complete as unknown as Record<string, SQLInputValue>);
    // The seal moves with the head in the same transaction: a rolled-back entry leaves it alone.
    statements.seal.run({ seq, hash: complete.hash, mac: auditSealMac(key, seq, complete.hash) });
    return entryFromRow(complete);
  };
  return db.isTransaction ? write() : transaction(db, write);
}

// Appends happen on every use case: prepare their two statements once per connection.
const statementCache = new WeakMap<Database, { head: StatementSync; insert: StatementSync; seal: StatementSync }>();

function appendStatements(db: Database): { head: StatementSync; insert: StatementSync; seal: StatementSync } {
  let statements = statementCache.get(db);
  if (!statements) {
    statements = {
      head: db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO audit_log (seq, at, actor_kind, actor_user_id, actor_name, action, subject_type, subject_id, details, drill, prev_hash, hash, keyed)
         VALUES (:seq, :at, :actor_kind, :actor_user_id, :actor_name, :action, :subject_type, :subject_id, :details, :drill, :prev_hash, :hash, :keyed)`,
      ),
      seal: db.prepare(
        'INSERT INTO audit_seal (id, seq, hash, mac) VALUES (1, :seq, :hash, :mac) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac',
      ),
    };
    statementCache.set(db, statements);
  }
  return statements;
}

function validatedRow(entry: AuditEntryInput): Omit<AuditRow, 'seq' | 'prev_hash' | 'hash' | 'keyed'> {
  if (!isAuditAction(entry.action)) {
    throw new AuditInputError(
      `Unknown audit action "${String(entry.action)}": use one of ${AUDIT_ACTIONS.join(', ')} (or add it to src/store/audit-actions.ts).`,
    );
  }
  if (entry.subject && !/^[a-z][a-z0-9_]*$/.test(entry.subject.type)) {
    throw new AuditInputError(`Audit subject type "${entry.subject.type}" must be a snake_case word such as "message" or "incident".`);
  }
  if (entry.actor.name.trim() === '') throw new AuditInputError('Audit actor name must not be empty.');
  const at = entry.at ?? new Date();
  if (Number.isNaN(at.getTime())) throw new AuditInputError('Audit entry time is not a valid date.');
  return {
    at: at.toISOString(),
    actor_kind: entry.actor.kind,
    actor_user_id: entry.actor.kind === 'user' ? entry.actor.userId : null,
    actor_name: entry.actor.name,
    action: entry.action,
    subject_type: entry.subject?.type ?? null,
    subject_id: entry.subject === undefined ? null : String(entry.subject.id),
    details: canonicalJson(entry.details ?? {}),
    drill: entry.drill ? 1 : 0,
  };
}

/**
 * The hash input is a JSON array of every column in a fixed order, with `details` as the exact
 * stored text: any change to any stored byte of a row, or to the row before it, changes the hash.
 * Rows are hashed with HMAC-SHA-256 under the audit key (`keyedAuditHash`); this plain SHA-256
 * is how rows written before the chain was keyed were hashed, and is still checked for them.
 */
export function hashAuditRow(row: AuditRow): string {
  return createHash('sha256').update(canonicalAuditRow(row), 'utf8').digest('hex');
}

/** The hash of every row written since the chain is keyed: without the key nobody can recompute it. */
export function keyedAuditHash(row: AuditRow, key: Buffer): string {
  return createHmac('sha256', key).update(canonicalAuditRow(row), 'utf8').digest('hex');
}

function canonicalAuditRow(row: AuditRow): string {
  return JSON.stringify([
    row.seq,
    row.at,
    row.actor_kind,
    row.actor_user_id,
    row.actor_name,
    row.action,
    row.subject_type,
    row.subject_id,
    row.details,
    row.drill,
    row.prev_hash,
  ]);
}

/** The seal's signature over the chain's head (seq 0 and the genesis hash for an empty log). */
export function auditSealMac(key: Buffer, seq: number, hash: string): string {
  return createHmac('sha256', key).update(JSON.stringify(['audit_seal', seq, hash]), 'utf8').digest('hex');
}

/**
 * Seals a chain that has no seal yet, at the one moment that is allowed: when this start made the
 * audit key, or applied the migration that introduced keying. An empty log gets a seal on the
 * genesis hash; a log of unkeyed rows from before keying gets a keyed entry that chains to its head
 * (that protects the old rows too). At any other moment a missing seal means the chain was tampered
 * with, and sealing it would launder that: it stays unsealed and `audit verify` says so.
 */
export function sealAuditChainOnUpgrade(db: Database, mayMigrate: boolean): void {
  if (!mayMigrate) return;
  const key = auditKeyOf(db);
  transaction(db, () => {
    if (db.prepare('SELECT 1 FROM audit_seal WHERE id = 1').get()) return;
    const { rows, keyed } = db.prepare('SELECT count(*) AS rows, coalesce(sum(keyed), 0) AS keyed FROM audit_log').get() as { rows: number; keyed: number };
    if (rows === 0) {
      appendStatements(db).seal.run({ seq: 0, hash: AUDIT_GENESIS_HASH, mac: auditSealMac(key, 0, AUDIT_GENESIS_HASH) });
    } else if (keyed === 0) {
      appendAudit(db, { actor: SYSTEM_ACTOR, action: 'audit_chain_keyed', details: { unkeyedEntries: rows } });
    }
  });
}

/** How many rows are keyed: a keyed log whose key file is missing must not get a new key. */
export function countKeyedAuditRows(db: Database): number {
  return Number((db.prepare('SELECT count(*) AS keyed FROM audit_log WHERE keyed = 1').get() as { keyed: number }).keyed);
}

/** JSON with object keys sorted at every depth, so equal details always serialise equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) sorted[key] = sortKeys(child);
    }
    return sorted;
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function entryFromRow(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: new Date(row.at),
    actor:
      row.actor_kind === 'user' && row.actor_user_id !== null
        ? { kind: 'user', userId: row.actor_user_id, name: row.actor_name }
        : { kind: 'system', name: row.actor_name },
    action: row.action as AuditAction,
    subject: row.subject_type === null ? null : { type: row.subject_type, id: row.subject_id ?? '' },
    details: JSON.parse(row.details) as Record<string, unknown>,
    drill: row.drill === 1,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export type AuditChainVerdict =
  | { ok: true; checked: number; head: { seq: number; hash: string } | null }
  | { ok: false; checked: number; seq: number; reason: string };

const CHANGED_ROW = 'the row content does not match its hash (the row was changed after it was written)';

/**
 * Walks the whole chain in order and reports the first broken link: a removed row shows as a gap
 * in seq, an edited row as a hash that no longer matches its content. Keyed rows (HMAC with the
 * audit key) cannot be recomputed by someone without the key, so a rewrite with recomputed hashes
 * fails at its first row; unkeyed rows may only come before the keyed ones. Finally the seal, signed
 * with the key at every append, must name the last row: removing the newest rows leaves a seal
 * that points past the end.
 */
export function verifyAuditChain(db: Database): AuditChainVerdict {
  const key = auditKeyOf(db);
  let expectedSeq = 1;
  let prevHash = AUDIT_GENESIS_HASH;
  let checked = 0;
  let keyedSeen = false;
  for (const raw of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate()) {
    const row = raw as unknown as AuditRow;
    if (row.seq !== expectedSeq) {
      return {
        ok: false,
        checked,
        seq: row.seq,
        reason:
          row.seq > expectedSeq
            ? `${row.seq - 1 > expectedSeq ? `rows ${expectedSeq}–${row.seq - 1} are` : `row ${expectedSeq} is`} missing (seq jumps from ${expectedSeq - 1} to ${row.seq})`
            : `seq ${row.seq} is out of order (expected ${expectedSeq})`,
      };
    }
    if (row.prev_hash !== prevHash) {
      return { ok: false, checked, seq: row.seq, reason: `prev_hash does not match the hash of row ${row.seq - 1}` };
    }
    if (row.keyed === 1) {
      keyedSeen = true;
      if (keyedAuditHash(row, key) !== row.hash) return { ok: false, checked, seq: row.seq, reason: CHANGED_ROW };
    } else {
      if (keyedSeen) return { ok: false, checked, seq: row.seq, reason: 'an unkeyed row after keyed rows (the chain was rewritten without the audit key)' };
      if (hashAuditRow(row) !== row.hash) return { ok: false, checked, seq: row.seq, reason: CHANGED_ROW };
    }
    prevHash = row.hash;
    expectedSeq += 1;
    checked += 1;
  }
  const headSeq = expectedSeq - 1;
  const seal = db.prepare('SELECT seq, hash, mac FROM audit_seal WHERE id = 1').get() as { seq: number; hash: string; mac: string } | undefined;
  if (!seal) {
    return { ok: false, checked, seq: headSeq, reason: 'the chain has no seal (it was removed, or the log was replaced without the audit key)' };
  }
  if (seal.mac !== auditSealMac(key, seal.seq, seal.hash)) {
    return { ok: false, checked, seq: headSeq, reason: 'the seal is not signed with the audit key (it was written without the key, or the key file is not the one of this log)' };
  }
  if (seal.seq > headSeq) {
    const missing = seal.seq - headSeq === 1 ? `row ${seal.seq} is` : `rows ${headSeq + 1}–${seal.seq} are`;
    return { ok: false, checked, seq: headSeq + 1, reason: `${missing} missing at the end (the seal names row ${seal.seq} as the newest)` };
  }
  if (seal.seq < headSeq) {
    return { ok: false, checked, seq: seal.seq + 1, reason: `rows after ${seal.seq} were added without the audit key (the seal names row ${seal.seq} as the newest)` };
  }
  if (seal.hash !== prevHash) {
    return { ok: false, checked, seq: headSeq, reason: 'the newest row does not match the seal (the chain was rewritten)' };
  }
  return { ok: true, checked, head: checked === 0 ? null : { seq: headSeq, hash: prevHash } };
}

export interface AuditQuery {
  actorUserId?: number | undefined;
  /** Matches the actor name exactly, e.g. "system" or "cli". */
  actorName?: string | undefined;
  action?: AuditAction | readonly AuditAction[] | undefined;
  subjectType?: string | undefined;
  subjectId?: string | number | undefined;
  /** Inclusive lower bound. */
  from?: Date | undefined;
  /** Exclusive upper bound. */
  to?: Date | undefined;
  drill?: boolean | undefined;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `beforeSeq` to get the next (older) page; null when this is the last page. */
  nextBeforeSeq: number | null;
}

export const AUDIT_PAGE_SIZE_MAX = 500;

/** Newest first, keyset-paginated on seq, so pages stay stable while new entries arrive. */
export function queryAudit(db: Database, query: AuditQuery = {}, page: { limit?: number; beforeSeq?: number } = {}): AuditPage {
  const limit = Math.min(Math.max(Math.trunc(page.limit ?? 50), 1), AUDIT_PAGE_SIZE_MAX);
  const where: string[] = [];
  const params: SQLInputValue[] = [];
  if (query.actorUserId !== undefined) {
    where.push('actor_user_id = ?');
    params.push(query.actorUserId);
  }
  if (query.actorName !== undefined) {
    where.push('actor_name = ?');
    params.push(query.actorName);
  }
  if (query.action !== undefined) {
    const actions: readonly string[] = typeof query.action === 'string' ? [query.action] : query.action;
    if (actions.length === 0) return { entries: [], nextBeforeSeq: null };
    where.push(`action IN (${actions.map(() => '?').join(', ')})`);
    params.push(...actions);
  }
  if (query.subjectType !== undefined) {
    where.push('subject_type = ?');
    params.push(query.subjectType);
  }
  if (query.subjectId !== undefined) {
    where.push('subject_id = ?');
    params.push(String(query.subjectId));
  }
  if (query.from !== undefined) {
    where.push('at >= ?');
    params.push(query.from.toISOString());
  }
  if (query.to !== undefined) {
    where.push('at < ?');
    params.push(query.to.toISOString());
  }
  if (query.drill !== undefined) {
    where.push('drill = ?');
    params.push(query.drill ? 1 : 0);
  }
  if (page.beforeSeq !== undefined) {
    where.push('seq < ?');
    params.push(page.beforeSeq);
  }
  const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
  const rows = db.prepare(sql).all(...params, limit + 1) as unknown as AuditRow[];
  const entries = rows.slice(0, limit).map(entryFromRow);
  const last = entries.at(-1);
  return { entries, nextBeforeSeq: rows.length > limit && last ? last.seq : null };
}
