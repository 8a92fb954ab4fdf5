import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { AuditKeyError, auditKeyFileOf, ephemeralAuditKey, loadOrCreateAuditKey, registerAuditKey } from './audit-key.ts';
import { countKeyedAuditRows, sealAuditChainOnUpgrade } from './audit-log.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export type Database = DatabaseSync;

const AUDIT_KEYING_MIGRATION = '0641-audit-seal.sql';

/**
 * Opens (and creates) the SQLite file and brings its schema up to date. WAL lets the public
 * server read while the admin writes; a busy timeout rather than instant SQLITE_BUSY errors keeps
 * a second process (CLI, dispatcher) from failing on a short write lock.
 *
 * Also loads the audit key from the file beside the database (creating it on the first start),
 * and seals the audit chain when this start is the upgrade to a keyed chain (src/store/audit-log.ts).
 */
export function openDatabase(file: string): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file, { enableForeignKeyConstraints: true, timeout: 5_000 });
  try {
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
    const applied = migrate(db);
    if (file === ':memory:') {
      registerAuditKey(db, ephemeralAuditKey());
      sealAuditChainOnUpgrade(db, true);
      return db;
    }
    const keyFile = auditKeyFileOf(file);
    // A new key for a log that was keyed before would make every old entry look forged.
    if (!existsSync(keyFile) && countKeyedAuditRows(db) > 0) {
      throw new AuditKeyError(`The audit log in ${file} is keyed, but its key file ${keyFile} is missing: restore that file from your backup.`);
    }
    const { key, created } = loadOrCreateAuditKey(keyFile);
    registerAuditKey(db, key);
    sealAuditChainOnUpgrade(db, created || applied.includes(AUDIT_KEYING_MIGRATION));
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Applies the numbered SQL files in migrations/ ("0001-users.sql", …) that this database has not
 * seen yet, each in its own transaction. Numbers are never reused or edited once released.
 */
export function migrate(db: Database, dir = MIGRATIONS_DIR): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set(
    (db.prepare('SELECT id FROM schema_migrations').all() as Array<{ id: string }>).map((row) => row.id),
  );
  const files = readdirSync(dir).filter((name) => /^\d{4}-[a-z0-9-]+\.sql$/.test(name)).sort();
  const appliedNow: string[] = [];
  for (const name of files) {
    if (applied.has(name)) continue;
    transaction(db, () => {
      db.exec(readFileSync(join(dir, name), 'utf8'));
      db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(name, new Date().toISOString());
    });
    appliedNow.push(name);
  }
  return appliedNow;
}

/**
 * Runs `work` inside BEGIN IMMEDIATE … COMMIT: the write lock is taken up front, so two writers
 * never both read and then collide on upgrade. node:sqlite has no transaction helper of its own.
 */
export function transaction<T>(db: Database, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
