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

/** How many attempts a key made since `since`, and when the newest of them was. */
export function signInAttemptStats(
  db: Database,
  column: 'account_key' | 'address_key',
  key: string,
  since: Date,
): { count: number; newest: Date | null } {
  const row = db
    .prepare(`SELECT count(*) AS count, max(at) AS newest FROM sign_in_attempts WHERE ${column} = ? AND at >= ?`)
    .get(key, since.toISOString()) as { count: number; newest: string | null };
  return { count: Number(row.count), newest: row.newest === null ? null : new Date(row.newest) };
}
