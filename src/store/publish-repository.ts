import { transaction, type Database } from './database.ts';

export const PUBLISH_RUN_STATUSES = ['running', 'succeeded', 'failed', 'interrupted'] as const;
export type PublishRunStatus = (typeof PUBLISH_RUN_STATUSES)[number];

export interface PublishRun {
  id: number;
  buildId: string;
  status: PublishRunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  contentTime: Date;
  durationMs: number | null;
  error: string | null;
  host: string;
  pid: number;
  /** The publish requests this run took up, oldest first. */
  reasons: string[];
}

export interface PublishRequest {
  id: number;
  reason: string;
  requestedAt: Date;
  runId: number | null;
}

/** Who holds a run; used to break the lease of a process that died mid-build. */
export interface RunHolder {
  host: string;
  pid: number;
}

export type StartRunResult =
  | { started: true; run: PublishRun }
  | { started: false; why: 'nothing_pending' }
  | { started: false; why: 'busy'; run: PublishRun };

interface RunRow {
  id: number;
  build_id: string;
  status: PublishRunStatus;
  started_at: string;
  finished_at: string | null;
  content_time: string;
  duration_ms: number | null;
  error: string | null;
  host: string;
  pid: number;
}

const RUN_COLUMNS = 'id, build_id, status, started_at, finished_at, content_time, duration_ms, error, host, pid';

/**
 * The publish queue and build history in SQLite. The requests table is the queue (no in-memory
 * hand-off), and a partial unique index allows one running build per database, so two server
 * processes sharing a data directory never build at once.
 */
export function createPublishRepository(db: Database) {
  const toRun = (row: RunRow): PublishRun => ({
    id: row.id,
    buildId: row.build_id,
    status: row.status,
    startedAt: new Date(row.started_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
    contentTime: new Date(row.content_time),
    durationMs: row.duration_ms,
    error: row.error,
    host: row.host,
    pid: row.pid,
    reasons: (db.prepare('SELECT reason FROM publish_requests WHERE run_id = ? ORDER BY id').all(row.id) as Array<{ reason: string }>).map(
      (request) => request.reason,
    ),
  });

  const runningRow = () => db.prepare(`SELECT ${RUN_COLUMNS} FROM publish_runs WHERE status = 'running'`).get() as RunRow | undefined;

  /** Puts a running run back in the queue: its requests wait again, so a later run builds them. */
  const interrupt = (runId: number, at: Date) => {
    db.prepare(`UPDATE publish_runs SET status = 'interrupted', finished_at = ? WHERE id = ? AND status = 'running'`).run(at.toISOString(), runId);
    db.prepare('UPDATE publish_requests SET run_id = NULL WHERE run_id = ?').run(runId);
  };

  return {
    /** Queues a publish; durable when this returns. */
    addRequest(reason: string, at: Date): PublishRequest {
      const trimmed = reason.trim().slice(0, 500) || 'publish';
      const result = db.prepare('INSERT INTO publish_requests (reason, requested_at) VALUES (?, ?)').run(trimmed, at.toISOString());
      return { id: Number(result.lastInsertRowid), reason: trimmed, requestedAt: at, runId: null };
    },

    /**
     * Starts a run that claims every waiting request, unless another live holder is building or
     * nothing waits. A run whose holder is dead (`isDead`) is marked interrupted first, so a crash
     * never blocks publishing for good.
     */
    startRun(input: { buildId: string; startedAt: Date; contentTime: Date; holder: RunHolder; isDead: (run: PublishRun) => boolean }): StartRunResult {
      return transaction(db, () => {
        const running = runningRow();
        if (running) {
          const run = toRun(running);
          if (!input.isDead(run)) return { started: false, why: 'busy', run };
          interrupt(run.id, input.startedAt);
        }
        const pending = db.prepare('SELECT count(*) AS n FROM publish_requests WHERE run_id IS NULL').get() as { n: number };
        if (pending.n === 0) return { started: false, why: 'nothing_pending' };
        const inserted = db
          .prepare(
            `INSERT INTO publish_runs (build_id, status, started_at, content_time, host, pid) VALUES (?, 'running', ?, ?, ?, ?)`,
          )
          .run(input.buildId, input.startedAt.toISOString(), input.contentTime.toISOString(), input.holder.host, input.holder.pid);
        const runId = Number(inserted.lastInsertRowid);
        db.prepare('UPDATE publish_requests SET run_id = ? WHERE run_id IS NULL').run(runId);
        return { started: true, run: toRun(db.prepare(`SELECT ${RUN_COLUMNS} FROM publish_runs WHERE id = ?`).get(runId) as unknown as RunRow) };
      });
    },

    finishRun(runId: number, outcome: { status: 'succeeded' | 'failed'; finishedAt: Date; durationMs: number; error?: string }): void {
      const result = db
        .prepare(`UPDATE publish_runs SET status = ?, finished_at = ?, duration_ms = ?, error = ? WHERE id = ? AND status = 'running'`)
        .run(outcome.status, outcome.finishedAt.toISOString(), Math.max(0, Math.round(outcome.durationMs)), outcome.status === 'failed' ? (outcome.error ?? 'unknown error') : null, runId);
      if (result.changes !== 1) throw new Error(`publish run ${runId} is not running any more; was its lease broken by another process?`);
    },

    /** Gives a run's requests back to the queue, e.g. when the server stops mid-build. */
    interruptRun(runId: number, at: Date): void {
      transaction(db, () => interrupt(runId, at));
    },

    /** Marks runs held by dead processes (or by this process's previous life) as interrupted. */
    recoverInterrupted(at: Date, isDead: (run: PublishRun) => boolean): number {
      return transaction(db, () => {
        const running = runningRow();
        if (!running || !isDead(toRun(running))) return 0;
        interrupt(running.id, at);
        return 1;
      });
    },

    /** Whether a build folder belongs to a published or still running build (and must be kept). */
    isLiveBuild(buildId: string): boolean {
      return db.prepare(`SELECT 1 FROM publish_runs WHERE build_id = ? AND status IN ('succeeded', 'running')`).get(buildId) !== undefined;
    },

    pendingCount(): number {
      return (db.prepare('SELECT count(*) AS n FROM publish_requests WHERE run_id IS NULL').get() as { n: number }).n;
    },

    running(): PublishRun | null {
      const row = runningRow();
      return row ? toRun(row) : null;
    },

    latestRuns(limit = 20): PublishRun[] {
      return (db.prepare(`SELECT ${RUN_COLUMNS} FROM publish_runs ORDER BY id DESC LIMIT ?`).all(limit) as unknown as RunRow[]).map(toRun);
    },

    latestWithStatus(status: PublishRunStatus): PublishRun | null {
      const row = db.prepare(`SELECT ${RUN_COLUMNS} FROM publish_runs WHERE status = ? ORDER BY id DESC LIMIT 1`).get(status) as RunRow | undefined;
      return row ? toRun(row) : null;
    },

    /** The finished run (succeeded or failed) each of these requests ended up in, if any yet. */
    finishedRunsFor(requestIds: readonly number[]): Map<number, PublishRun> {
      const found = new Map<number, PublishRun>();
      if (requestIds.length === 0) return found;
      const rows = db
        .prepare(
          `SELECT r.id AS request_id, ${RUN_COLUMNS.split(', ').map((column) => `p.${column}`).join(', ')}
             FROM publish_requests r JOIN publish_runs p ON p.id = r.run_id
            WHERE r.id IN (${requestIds.map(() => '?').join(', ')}) AND p.status IN ('succeeded', 'failed')`,
        )
        .all(...requestIds) as unknown as Array<RunRow & { request_id: number }>;
      const byRun = new Map<number, PublishRun>();
      for (const row of rows) {
        const run = byRun.get(row.id) ?? toRun(row);
        byRun.set(row.id, run);
        found.set(row.request_id, run);
      }
      return found;
    },
  };
}

export type PublishRepository = ReturnType<typeof createPublishRepository>;
