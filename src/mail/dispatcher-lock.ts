import { hostname } from 'node:os';
import type { Clock } from '../domain/clock.ts';
import { transaction, type Database } from '../store/database.ts';

const LOCK_NAME = 'mail-dispatcher';

/** A heartbeat older than this means the holder is gone (another host, or a hung process). */
export const LOCK_STALE_AFTER_MS = 60_000;

export class DispatcherAlreadyRunningError extends Error {
  constructor(holder: { owner: string; pid: number; host: string; heartbeat_at: string }) {
    super(
      `Another mail dispatcher is running (owner ${holder.owner}, pid ${holder.pid} on ${holder.host}, last heartbeat ${holder.heartbeat_at}); ` +
        'only one may send from this database. Stop it first, or wait a minute if it crashed on another host.',
    );
    this.name = 'DispatcherAlreadyRunningError';
  }
}

/**
 * Takes the single dispatcher lock (a row with owner, pid and heartbeat). A holder on this host
 * whose process is gone, or whose heartbeat is stale, is taken over; a live one is refused.
 */
export function acquireDispatcherLock(db: Database, owner: string, now: Date): void {
  const host = hostname();
  transaction(db, () => {
    const holder = db.prepare('SELECT owner, pid, host, heartbeat_at FROM mail_dispatcher_lock WHERE name = ?').get(LOCK_NAME) as
      | { owner: string; pid: number; host: string; heartbeat_at: string }
      | undefined;
    if (holder && holder.owner !== owner) {
      const stale = now.getTime() - new Date(holder.heartbeat_at).getTime() > LOCK_STALE_AFTER_MS;
      const gone = holder.host === host && !processAlive(holder.pid);
      if (!stale && !gone) throw new DispatcherAlreadyRunningError(holder);
    }
    const at = now.toISOString();
    db.prepare(
      `INSERT INTO mail_dispatcher_lock (name, owner, pid, host, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, host = excluded.host,
         acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at`,
    ).run(LOCK_NAME, owner, process.pid, host, at, at);
  });
}

/** Refreshes the heartbeat; false when the lock was taken over (then stop sending). */
export function heartbeatDispatcherLock(db: Database, owner: string, now: Date): boolean {
  return Number(db.prepare('UPDATE mail_dispatcher_lock SET heartbeat_at = ? WHERE name = ? AND owner = ?').run(now.toISOString(), LOCK_NAME, owner).changes) === 1;
}

/** Refreshes the heartbeat every `intervalMs` until the returned function is called; `onLost` when it was taken over. */
export function startLockHeartbeat(db: Database, owner: string, clock: Clock, intervalMs: number, onLost: () => void): () => void {
  const heartbeat = setInterval(() => {
    if (!heartbeatDispatcherLock(db, owner, clock.now())) onLost();
  }, intervalMs);
  heartbeat.unref();
  return () => clearInterval(heartbeat);
}

export function releaseDispatcherLock(db: Database, owner: string): void {
  db.prepare('DELETE FROM mail_dispatcher_lock WHERE name = ? AND owner = ?').run(LOCK_NAME, owner);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
