import type { Database } from './database.ts';

export interface SessionRecord {
  tokenHash: string;
  userId: number;
  createdAt: Date;
  lastSeenAt: Date;
  clientAddress: string | null;
}

interface SessionRow {
  token_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  client_address: string | null;
}

function sessionFromRow(row: SessionRow): SessionRecord {
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    clientAddress: row.client_address,
  };
}

export function insertSession(db: Database, session: SessionRecord): void {
  db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, client_address) VALUES (?, ?, ?, ?, ?)').run(
    session.tokenHash,
    session.userId,
    session.createdAt.toISOString(),
    session.lastSeenAt.toISOString(),
    session.clientAddress,
  );
}

export function findSession(db: Database, tokenHash: string): SessionRecord | null {
  const row = db.prepare('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as SessionRow | undefined;
  return row ? sessionFromRow(row) : null;
}

export function touchSession(db: Database, tokenHash: string, at: Date): void {
  db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(at.toISOString(), tokenHash);
}

export function deleteSession(db: Database, tokenHash: string): boolean {
  return Number(db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash).changes) > 0;
}

/** Returns how many sessions ended. */
export function deleteSessionsOfUser(db: Database, userId: number): number {
  return Number(db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes);
}

export function countSessionsOfUser(db: Database, userId: number): number {
  return (db.prepare('SELECT count(*) AS n FROM sessions WHERE user_id = ?').get(userId) as { n: number }).n;
}

/** Housekeeping: sessions that can no longer be valid (idle or absolute limit passed). */
export function deleteSessionsBefore(db: Database, limits: { lastSeenBefore: Date; createdBefore: Date }): number {
  return Number(
    db
      .prepare('DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?')
      .run(limits.lastSeenBefore.toISOString(), limits.createdBefore.toISOString()).changes,
  );
}
