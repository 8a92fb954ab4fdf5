import type { Database } from './database.ts';

export interface AttemptKeys {
  accountKey: string;
  addressKey: string;
}

export function insertSignInAttempt(db: Database, keys: AttemptKeys, at: Date): number {
  const { lastInsertRowid } = db
    .prepare('INSERT INTO sign_in_attempts (account_key, address_key, at) VALUES (?, ?, ?)')
    .run(keys.accountKey, keys.addressKey, at.toISOString());
  return Number(lastInsertRowid);
}

export function deleteSignInAttempt(db: Database, id: number): void {
  db.prepare('DELETE FROM sign_in_attempts WHERE id = ?').run(id);
}

/** A successful sign-in forgives the account's earlier failures (not the address's: others may share it). */
export function deleteSignInAttemptsOfAccount(db: Database, accountKey: string): void {
  db.prepare('DELETE FROM sign_in_attempts WHERE account_key = ?').run(accountKey);
}

export function deleteSignInAttemptsBefore(db: Database, before: Date): void {
  db.prepare('DELETE FROM sign_in_attempts WHERE at < ?').run(before.toISOString());
}

/**
 * The times of the most recent attempts for a key since `since`, newest first (at most `limit`).
 * The caller derives both "how many" and "when does the oldest counted one fall out of the window".
 */
export function recentSignInAttempts(
  db: Database,
  column: 'account_key' | 'address_key',
  key: string,
  since: Date,
  limit: number,
): Date[] {
  const rows = db
    .prepare(`SELECT at FROM sign_in_attempts WHERE ${column} = ? AND at >= ? ORDER BY at DESC LIMIT ?`)
    .all(key, since.toISOString(), limit) as Array<{ at: string }>;
  return rows.map((row) => new Date(row.at));
}
