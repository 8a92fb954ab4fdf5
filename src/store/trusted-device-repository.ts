import type { Database } from './database.ts';

export interface TrustedDevice {
  tokenHash: string;
  accountKey: string;
  createdAt: Date;
  lastUsedAt: Date;
  failures: number;
  lastFailureAt: Date | null;
}

interface TrustedDeviceRow {
  token_hash: string;
  account_key: string;
  created_at: string;
  last_used_at: string;
  failures: number;
  last_failure_at: string | null;
}

export function insertTrustedDevice(db: Database, device: { tokenHash: string; accountKey: string; at: Date }): void {
  db.prepare('INSERT INTO trusted_devices (token_hash, account_key, created_at, last_used_at) VALUES (?, ?, ?, ?)').run(
    device.tokenHash,
    device.accountKey,
    device.at.toISOString(),
    device.at.toISOString(),
  );
}

export function findTrustedDevice(db: Database, tokenHash: string): TrustedDevice | null {
  const row = db.prepare('SELECT * FROM trusted_devices WHERE token_hash = ?').get(tokenHash) as TrustedDeviceRow | undefined;
  if (!row) return null;
  return {
    tokenHash: row.token_hash,
    accountKey: row.account_key,
    createdAt: new Date(row.created_at),
    lastUsedAt: new Date(row.last_used_at),
    failures: row.failures,
    lastFailureAt: row.last_failure_at === null ? null : new Date(row.last_failure_at),
  };
}

/** Takes a failure slot before the password is checked (given back by markTrustedDeviceUsed). */
export function countTrustedDeviceFailure(db: Database, tokenHash: string, at: Date): void {
  db.prepare('UPDATE trusted_devices SET failures = failures + 1, last_failure_at = ? WHERE token_hash = ?').run(at.toISOString(), tokenHash);
}

export function markTrustedDeviceUsed(db: Database, tokenHash: string, at: Date): void {
  db.prepare('UPDATE trusted_devices SET failures = 0, last_failure_at = NULL, last_used_at = ? WHERE token_hash = ?').run(at.toISOString(), tokenHash);
}

/** Devices not used for sign-in since `before` are forgotten. */
export function deleteTrustedDevicesUnusedSince(db: Database, before: Date): void {
  db.prepare('DELETE FROM trusted_devices WHERE last_used_at < ?').run(before.toISOString());
}
