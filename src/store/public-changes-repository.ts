import type { Database } from './database.ts';

/** What an offered public change is: opening, update, change of shape, resolution. */
export type PublicChangeKind = 'open' | 'update' | 'change' | 'resolve' | 'merge';
export type PublicChangeState = 'pending' | 'approved' | 'rejected' | 'voided';

/** One offer to change the public page, and its decision (migrations/0702-public-changes.sql). */
export interface PublicChangeRecord {
  id: string;
  incidentId: string;
  drill: boolean;
  kind: PublicChangeKind;
  /** Canonical JSON of what goes public. */
  content: string;
  contentHash: string;
  authorId: number;
  authorName: string;
  proposedAt: Date;
  atOnce: boolean;
  state: PublicChangeState;
  decidedBy: number | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  reason: string | null;
}

interface Row {
  id: string;
  incident_id: string;
  drill: number;
  kind: PublicChangeKind;
  content: string;
  content_hash: string;
  author_id: number;
  author_name: string;
  proposed_at: string;
  at_once: number;
  state: PublicChangeState;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: string | null;
  reason: string | null;
}

const SELECT = `
  SELECT c.id, c.incident_id, c.drill, c.kind, c.content, c.content_hash, c.author_id, a.name AS author_name, c.proposed_at,
         c.at_once, c.state, c.decided_by, d.name AS decided_by_name, c.decided_at, c.reason
  FROM public_changes c JOIN users a ON a.id = c.author_id LEFT JOIN users d ON d.id = c.decided_by`;

function fromRow(row: Row): PublicChangeRecord {
  return {
    id: row.id,
    incidentId: row.incident_id,
    drill: row.drill === 1,
    kind: row.kind,
    content: row.content,
    contentHash: row.content_hash,
    authorId: row.author_id,
    authorName: row.author_name,
    proposedAt: new Date(row.proposed_at),
    atOnce: row.at_once === 1,
    state: row.state,
    decidedBy: row.decided_by,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at === null ? null : new Date(row.decided_at),
    reason: row.reason,
  };
}

/** Records an offer; call it inside the transaction of the change it belongs to. */
export function insertPublicChange(
  db: Database,
  input: { id: string; incidentId: string; drill: boolean; kind: PublicChangeKind; content: string; contentHash: string; authorId: number; at: Date; atOnce: boolean },
): void {
  db.prepare('INSERT INTO public_changes (id, incident_id, drill, kind, content, content_hash, author_id, proposed_at, at_once) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    input.id,
    input.incidentId,
    input.drill ? 1 : 0,
    input.kind,
    input.content,
    input.contentHash,
    input.authorId,
    input.at.toISOString(),
    input.atOnce ? 1 : 0,
  );
}

export function findPublicChange(db: Database, id: string): PublicChangeRecord | null {
  const row = db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as unknown as Row | undefined;
  return row ? fromRow(row) : null;
}

/** Every offer about one incident, oldest first. */
export function listPublicChangesOf(db: Database, incidentId: string, drill: boolean): PublicChangeRecord[] {
  return (db.prepare(`${SELECT} WHERE c.incident_id = ? AND c.drill = ? ORDER BY c.proposed_at, c.rowid`).all(incidentId, drill ? 1 : 0) as unknown as Row[]).map(fromRow);
}

/** Offers still waiting for a decision, oldest first. */
export function listPendingPublicChanges(db: Database, drill: boolean): PublicChangeRecord[] {
  return (db.prepare(`${SELECT} WHERE c.state = 'pending' AND c.drill = ? ORDER BY c.proposed_at, c.rowid`).all(drill ? 1 : 0) as unknown as Row[]).map(fromRow);
}

/** Writes the decision once; the database refuses a second one and a decision by the author. */
export function decidePublicChange(db: Database, input: { id: string; state: Exclude<PublicChangeState, 'pending'>; by: number | null; at: Date; reason: string | null }): void {
  const result = db.prepare("UPDATE public_changes SET state = ?, decided_by = ?, decided_at = ?, reason = ? WHERE id = ? AND state = 'pending'").run(
    input.state,
    input.by,
    input.at.toISOString(),
    input.reason,
    input.id,
  );
  if (Number(result.changes) !== 1) throw new Error(`public change ${input.id} was already decided`);
}
