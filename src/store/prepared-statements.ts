import type { StatementSync } from 'node:sqlite';
import type { Database } from './database.ts';

const caches = new WeakMap<Database, Map<string, StatementSync>>();

/**
 * The statement for `sql` on this connection, compiled once and reused. For the paths that run
 * per request (an API client may post hundreds of signals a second): node:sqlite compiles SQL on
 * every `prepare`. Only for SQL text drawn from a fixed set, never text built from input values.
 */
export function prepared(db: Database, sql: string): StatementSync {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}
