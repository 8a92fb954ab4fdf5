import type { CopyFailureReason, PublishTargetKind } from '../domain/publish-target.ts';
import type { Database } from './database.ts';

export type { CopyFailureReason, PublishTargetKind } from '../domain/publish-target.ts';
export type PublishTargetRunStatus = 'running' | 'succeeded' | 'failed' | 'superseded';

/** One attempt to copy a build to a publish target. */
export interface PublishTargetRun {
  id: number;
  target: PublishTargetKind;
  buildId: string;
  status: PublishTargetRunStatus;
  attempt: number;
  startedAt: Date;
  finishedAt: Date | null;
  uploaded: number;
  unchanged: number;
  deleted: number;
  failure: CopyFailureReason | null;
  exitCode: number | null;
  /** Technical detail of a failure: the store's error, the command's last output. */
  error: string | null;
  nextAttemptAt: Date | null;
}

export interface TargetRunOutcome {
  status: Exclude<PublishTargetRunStatus, 'running'>;
  finishedAt: Date;
  uploaded?: number;
  unchanged?: number;
  deleted?: number;
  failure?: CopyFailureReason;
  exitCode?: number | null;
  error?: string | null;
  nextAttemptAt?: Date | null;
}

interface Row {
  id: number;
  target: PublishTargetKind;
  build_id: string;
  status: PublishTargetRunStatus;
  attempt: number;
  started_at: string;
  finished_at: string | null;
  uploaded: number;
  unchanged: number;
  deleted: number;
  failure: CopyFailureReason | null;
  exit_code: number | null;
  error: string | null;
  next_attempt_at: string | null;
}

const toRun = (row: Row): PublishTargetRun => ({
  id: row.id,
  target: row.target,
  buildId: row.build_id,
  status: row.status,
  attempt: row.attempt,
  startedAt: new Date(row.started_at),
  finishedAt: row.finished_at ? new Date(row.finished_at) : null,
  uploaded: row.uploaded,
  unchanged: row.unchanged,
  deleted: row.deleted,
  failure: row.failure,
  exitCode: row.exit_code,
  error: row.error,
  nextAttemptAt: row.next_attempt_at ? new Date(row.next_attempt_at) : null,
});

/** The attempts to copy builds to publish targets, for retries across restarts and the dashboard. */
export function createPublishTargetRepository(db: Database) {
  return {
    start(target: PublishTargetKind, buildId: string, attempt: number, at: Date): PublishTargetRun {
      const row = db
        .prepare("INSERT INTO publish_target_runs (target, build_id, status, attempt, started_at) VALUES (?, ?, 'running', ?, ?) RETURNING *")
        .get(target, buildId, attempt, at.toISOString()) as unknown as Row;
      return toRun(row);
    },

    finish(id: number, outcome: TargetRunOutcome): void {
      const failed = outcome.status === 'failed';
      db.prepare('UPDATE publish_target_runs SET status = ?, finished_at = ?, uploaded = ?, unchanged = ?, deleted = ?, failure = ?, exit_code = ?, error = ?, next_attempt_at = ? WHERE id = ?').run(
        outcome.status,
        outcome.finishedAt.toISOString(),
        outcome.uploaded ?? 0,
        outcome.unchanged ?? 0,
        outcome.deleted ?? 0,
        failed ? (outcome.failure ?? 'unknown') : null,
        failed ? (outcome.exitCode ?? null) : null,
        failed ? (outcome.error ?? null) : null,
        outcome.status === 'failed' ? (outcome.nextAttemptAt?.toISOString() ?? null) : null,
        id,
      );
    },

    /** Attempts a crash or restart cut short: they failed, and the next start tries again. */
    recoverInterrupted(at: Date): number {
      return Number(
        db
          .prepare("UPDATE publish_target_runs SET status = 'failed', finished_at = ?, failure = 'interrupted' WHERE status = 'running'")
          .run(at.toISOString()).changes,
      );
    },

    latest(target: PublishTargetKind): PublishTargetRun | null {
      const row = db.prepare('SELECT * FROM publish_target_runs WHERE target = ? ORDER BY id DESC LIMIT 1').get(target) as Row | undefined;
      return row ? toRun(row) : null;
    },

    latestSuccess(target: PublishTargetKind): PublishTargetRun | null {
      const row = db.prepare("SELECT * FROM publish_target_runs WHERE target = ? AND status = 'succeeded' ORDER BY id DESC LIMIT 1").get(target) as Row | undefined;
      return row ? toRun(row) : null;
    },
  };
}

export type PublishTargetRepository = ReturnType<typeof createPublishTargetRepository>;
