import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeClock, type FakeClock } from '../../../src/domain/clock.ts';
import { openDatabase, type Database } from '../../../src/store/database.ts';

/** A bare store for the repository tests; tests of use cases take the whole app (test/support/test-app.ts). */
export interface TestStore {
  dir: string;
  file: string;
  db: Database;
  clock: FakeClock;
  close(): void;
}

/** A real SQLite file in a fresh temp directory, migrated, with a fake clock at a Monday morning in October. */
export function createTestStore(start = '2026-10-05T07:30:00Z'): TestStore {
  const dir = mkdtempSync(join(tmpdir(), 'helder-store-'));
  const file = join(dir, 'data', 'helder.sqlite');
  const db = openDatabase(file);
  return {
    dir,
    file,
    db,
    clock: createFakeClock(start),
    close() {
      // A test may have reopened the database: close whichever connection is current.
      if (this.db.isOpen) this.db.close();
      if (db.isOpen) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
