import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import type { Database } from './database.ts';

/**
 * The key of the audit chain's HMAC. It lives OUTSIDE the database, in a file beside it
 * (`<database file>.audit-key`, mode 0600), so someone who can change the database file can still
 * not recompute the chain after rewriting or removing entries. Lose the key and the chain can no
 * longer be verified: it belongs in the backup, kept apart from the database backup (README).
 */
export function auditKeyFileOf(databaseFile: string): string {
  return `${databaseFile}.audit-key`;
}

export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditKeyError';
  }
}

// One registry per process, not per module copy: the admin's Astro bundle carries its own copy of
// this module, and must find the key the server's copy registered for the same connection.
const REGISTRY = Symbol.for('helder.audit-keys');
const keys: WeakMap<Database, Buffer> = ((globalThis as Record<symbol, unknown>)[REGISTRY] ??= new WeakMap<Database, Buffer>()) as WeakMap<Database, Buffer>;

/** The key every append and verification on this connection uses; openDatabase registers it. */
export function auditKeyOf(db: Database): Buffer {
  const key = keys.get(db);
  if (!key) throw new AuditKeyError('This database connection has no audit key: open the database with openDatabase().');
  return key;
}

export function registerAuditKey(db: Database, key: Buffer): void {
  keys.set(db, key);
}

/** A database kept in memory gets a key that lives as long as the connection. */
export function ephemeralAuditKey(): Buffer {
  return randomBytes(32);
}

/**
 * Reads the key file, or creates it (32 random bytes, hex, mode 0600, exclusively: two processes
 * starting at once end up with the same key). `created` tells the caller this start made it.
 */
export function loadOrCreateAuditKey(file: string): { key: Buffer; created: boolean } {
  let created = false;
  try {
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, `${randomBytes(32).toString('hex')}\n`);
      fstatSync(fd);
    } finally {
      closeSync(fd);
    }
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new AuditKeyError(`Could not create the audit key file ${file}: ${(error as Error).message}`);
    }
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    throw new AuditKeyError(`The audit key file ${file} can be read by others: run "chmod 600 ${file}".`);
  }
  const text = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text)) {
    throw new AuditKeyError(`The audit key file ${file} does not hold a key (64 hexadecimal characters): restore it from your backup.`);
  }
  return { key: Buffer.from(text, 'hex'), created };
}
