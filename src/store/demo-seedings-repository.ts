import type { Database } from './database.ts';

/** The parts of the demo a first demo start seeds once. */
export type DemoSeeding = 'contacts';

export function wasDemoSeeded(db: Database, what: DemoSeeding): boolean {
  return db.prepare('SELECT 1 FROM demo_seedings WHERE what = ?').get(what) !== undefined;
}

/** Records that `what` was seeded; false when it already was (a second start racing the first). */
export function markDemoSeeded(db: Database, what: DemoSeeding, now: Date): boolean {
  const result = db.prepare('INSERT OR IGNORE INTO demo_seedings (what, seeded_at) VALUES (?, ?)').run(what, now.toISOString());
  return Number(result.changes) === 1;
}
