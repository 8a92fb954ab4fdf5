import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createFakeClock, type FakeClock } from '../../../src/auth/clock.ts';
import type { SignedInUser } from '../../../src/auth/signed-in-user.ts';
import type { ContentDeps } from '../../../src/admin/incidents/content-change.ts';
import { openDatabase, type Database } from '../../../src/store/database.ts';

/**
 * A temporary installation: a content directory with the real demo catalogue (products,
 * municipalities, site), a drill content directory beside it, a real SQLite file, and a fake clock.
 */
export interface Installation extends ContentDeps {
  root: string;
  db: Database;
  clock: FakeClock;
  close(): void;
}

export function createInstallation(start = '2026-11-27T08:12:00Z'): Installation {
  const root = mkdtempSync(join(tmpdir(), 'helder-install-'));
  const contentDir = join(root, 'content');
  mkdirSync(contentDir);
  for (const name of ['site.yaml', 'components.yaml', 'municipalities.yaml']) copyFileSync(join('content', name), join(contentDir, name));
  cpSync(join('content', 'guidance'), join(contentDir, 'guidance'), { recursive: true });
  const db = openDatabase(join(root, 'data', 'helder.db'));
  return {
    root,
    db,
    clock: createFakeClock(start),
    contentDir,
    drillContentDir: join(root, 'data', 'drill-content'),
    close() {
      db.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export function user(name: string, roles: SignedInUser['roles'], userId = 7): SignedInUser {
  return { kind: 'user', userId, email: `${name.toLowerCase().replace(/\s+/g, '.')}@voorbeeldsoftware.nl`, name, roles, sessionId: 'sessie-hash', sessionStartedAt: new Date('2026-11-27T07:30:00Z') };
}

export const composer = user('Sanne de Vries', ['composer'], 7);
export const approver = user('Pieter Jansen', ['approver'], 8);

/**
 * Every file under `dir` with its content, to prove that a refused change wrote nothing. The
 * SQLite files are left out (a rolled-back transaction still touches the WAL); tests check the
 * audit log for database writes instead.
 */
export function snapshotTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (/\.db(?:-wal|-shm|-journal)?$/.test(name)) continue;
      const stats = statSync(path, { throwIfNoEntry: false });
      if (stats?.isDirectory()) walk(path);
      else files[relative(dir, path)] = stats ? readFileSync(path, 'utf8') : '(dangling link)';
    }
  };
  walk(dir);
  return files;
}
