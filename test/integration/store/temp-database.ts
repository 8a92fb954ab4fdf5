import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AdminDeps } from '../../../src/admin/admin-deps.ts';
import { createFakeClock, type FakeClock } from '../../../src/auth/clock.ts';
import { createArgon2idHasher, type PasswordHasher } from '../../../src/auth/password-hasher.ts';
import { openDatabase, type Database } from '../../../src/store/database.ts';

/** Cheap argon2id parameters: the real algorithm and code path, a fraction of the cost. */
export const FAST_ARGON2ID = { memory: 256, passes: 1, parallelism: 1, tagLength: 32 };

export interface TestStore {
  dir: string;
  file: string;
  db: Database;
  clock: FakeClock;
  deps: AdminDeps & { clock: FakeClock };
  close(): void;
}

/** A real SQLite file in a fresh temp directory, migrated, with a fake clock at a Monday morning in October. */
export function createTestStore(options: { hasher?: PasswordHasher } = {}): TestStore {
  const dir = mkdtempSync(join(tmpdir(), 'helder-store-'));
  const file = join(dir, 'data', 'helder.sqlite');
  const db = openDatabase(file);
  const clock = createFakeClock('2026-10-05T07:30:00Z');
  const hasher = options.hasher ?? createArgon2idHasher(FAST_ARGON2ID);
  return {
    dir,
    file,
    db,
    clock,
    deps: { db, hasher, clock },
    close() {
      if (db.isOpen) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
