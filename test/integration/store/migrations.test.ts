import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../../src/store/database.ts';
import { createTestStore, type TestStore } from './temp-database.ts';

let store: TestStore;
afterEach(() => store.close());

describe('migrations', () => {
  it('creates the users, roles, sessions, sign-in attempts and audit tables with WAL and foreign keys', () => {
    store = createTestStore();
    const tables = (store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((row) => row.name);
    expect(tables).toEqual(expect.arrayContaining(['audit_log', 'schema_migrations', 'sessions', 'settings', 'sign_in_attempts', 'user_roles', 'users']));
    expect(store.db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(store.db.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 });
  });

  it('is idempotent: running again, or reopening the file, applies nothing twice', () => {
    store = createTestStore();
    const applied = () => store.db.prepare('SELECT id FROM schema_migrations ORDER BY id').all();
    const before = applied();
    expect(before.map((row) => row.id)).toEqual(expect.arrayContaining(['0002-users.sql', '0003-sessions.sql', '0004-sign-in-attempts.sql', '0005-audit-log.sql']));
    migrate(store.db);
    migrate(store.db);
    expect(applied()).toEqual(before);
    store.db.close();
    const reopened = openDatabase(store.file);
    expect(reopened.prepare('SELECT id FROM schema_migrations ORDER BY id').all()).toEqual(before);
    reopened.close();
  });

  it('lets the database refuse a role outside the vocabulary and a non-argon2id hash', () => {
    store = createTestStore();
    const insertUser = store.db.prepare("INSERT INTO users (email, name, password_hash, created_at, password_changed_at) VALUES (?, 'Kees Smit', ?, '2026-10-05T07:30:00.000Z', '2026-10-05T07:30:00.000Z')");
    expect(() => insertUser.run('k.smit@leverancier.nl', 'plain-text-password')).toThrow(/CHECK constraint failed/);
    const { lastInsertRowid } = insertUser.run('k.smit@leverancier.nl', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA');
    expect(() => store.db.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, 'superuser')").run(lastInsertRowid)).toThrow(/CHECK constraint failed/);
    expect(() => insertUser.run('K.Smit@Leverancier.nl', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA')).toThrow(/UNIQUE constraint failed/);
  });
});
