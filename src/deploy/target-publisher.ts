import type { Database } from '../store/database.ts';
import { createPublishTargetRepository } from '../store/publish-target-repository.ts';
import { CopyFailure, type LiveBuild, type PublishTarget } from './publish-target.ts';

/** Waits between attempts of the same build: quick at first, then every 15 minutes until it works or a newer build comes. */
export const RETRY_DELAYS_MS = [30_000, 60_000, 2 * 60_000, 5 * 60_000, 15 * 60_000] as const;

export interface TargetPublisher {
  /** Copies a build that just went live to every target; a copy still running for an older build is stopped. */
  publish(build: LiveBuild): void;
  /**
   * At start-up: copies the live build to every target whose last successful copy is another
   * build (the server stopped mid-copy, or while a retry was waiting).
   */
  resume(build: LiveBuild | null): void;
  /**
   * "Opnieuw kopiëren": tries a failed copy again now instead of at its next scheduled attempt.
   * False when that target's last copy did not fail (it is running, succeeded, or has no build).
   */
  retryNow(kind: PublishTarget['kind']): boolean;
  /** Resolves when no copy is running or waiting to start now (retries scheduled later do not count). */
  idle(): Promise<void>;
  /** Stops copies and retries; an interrupted copy is tried again at the next start. */
  stop(): Promise<void>;
}

interface TargetState {
  target: PublishTarget;
  /** The newest live build: what this target must end up holding. */
  wanted: LiveBuild | null;
  /** Attempts so far for `wanted`. */
  attempts: number;
  running: Promise<void> | null;
  abort: AbortController | null;
  retry: NodeJS.Timeout | null;
}

/**
 * Copies every good build to the configured targets, each target on its own: a slow or broken
 * bucket never holds up the command hook or the local site. Attempts are recorded in SQLite
 * (the dashboard shows them); a failure is retried with growing delays for as long as its build
 * is the newest, and a newer build replaces whatever was pending.
 */
export function createTargetPublisher(options: {
  db: Database;
  targets: readonly PublishTarget[];
  clock: () => Date;
  log: (line: string) => void;
  retryDelaysMs?: readonly number[];
}): TargetPublisher {
  const { clock, log } = options;
  const repo = createPublishTargetRepository(options.db);
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  const states: TargetState[] = options.targets.map((target) => ({ target, wanted: null, attempts: 0, running: null, abort: null, retry: null }));
  let stopped = false;

  const attempt = async (state: TargetState, build: LiveBuild) => {
    state.attempts += 1;
    const run = repo.start(state.target.kind, build.buildId, state.attempts, clock());
    const abort = new AbortController();
    state.abort = abort;
    try {
      const result = await state.target.copy(build, abort.signal);
      repo.finish(run.id, { status: 'succeeded', finishedAt: clock(), ...result });
      log(`publish target ${state.target.kind}: ${build.buildId} copied (${result.uploaded} written, ${result.deleted} removed)`);
    } catch (error) {
      if (abort.signal.aborted) {
        // Replaced by a newer build (superseded) or cut short by a stop (tried again at the next start).
        repo.finish(run.id, stopped ? { status: 'failed', finishedAt: clock(), failure: 'interrupted' } : { status: 'superseded', finishedAt: clock() });
        return;
      }
      const wait = delays[Math.min(state.attempts - 1, delays.length - 1)]!;
      const finishedAt = clock();
      const nextAttemptAt = new Date(finishedAt.getTime() + wait);
      const message = error instanceof Error ? error.message : String(error);
      const failure = error instanceof CopyFailure ? { failure: error.reason, exitCode: error.exitCode } : { failure: 'unknown' as const };
      repo.finish(run.id, { status: 'failed', finishedAt, ...failure, error: message.slice(0, 4_000), nextAttemptAt });
      log(`publish target ${state.target.kind}: copying ${build.buildId} failed (attempt ${state.attempts}), trying again in ${Math.round(wait / 1000)} s: ${message}`);
      if (!stopped && state.wanted === build) {
        state.retry = setTimeout(() => {
          state.retry = null;
          if (state.wanted === build) kick(state);
        }, wait);
        state.retry.unref();
      }
    } finally {
      state.abort = null;
    }
  };

  /** Runs the wanted build's copy unless one is running; a running copy of an older build calls back here when it ends. */
  const kick = (state: TargetState) => {
    if (stopped || state.running || !state.wanted) return;
    const build = state.wanted;
    state.running = attempt(state, build)
      // Only the store can fail here (e.g. the database locked past its timeout): the next build or start copies again.
      .catch((error: unknown) => log(`publish target ${state.target.kind}: could not record a copy of ${build.buildId}: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        state.running = null;
        // A newer build arrived during the copy: copy that one now.
        if (state.wanted !== build && !state.retry) kick(state);
      });
  };

  const want = (state: TargetState, build: LiveBuild) => {
    if (state.wanted?.buildId === build.buildId) return;
    state.wanted = build;
    state.attempts = 0;
    if (state.retry) clearTimeout(state.retry);
    state.retry = null;
    state.abort?.abort(new Error('a newer build replaces this copy'));
    kick(state);
  };

  return {
    publish(build) {
      for (const state of states) want(state, build);
    },
    resume(build) {
      repo.recoverInterrupted(clock());
      if (!build) return;
      for (const state of states) {
        if (repo.latestSuccess(state.target.kind)?.buildId !== build.buildId) want(state, build);
      }
    },
    retryNow(kind) {
      const state = states.find((candidate) => candidate.target.kind === kind);
      // A failed copy of the wanted build waits for its retry timer; nothing else can be retried.
      if (!state || stopped || state.running || !state.wanted || !state.retry) return false;
      clearTimeout(state.retry);
      state.retry = null;
      kick(state);
      return true;
    },
    async idle() {
      while (states.some((state) => state.running)) await Promise.all(states.map((state) => state.running));
    },
    async stop() {
      stopped = true;
      for (const state of states) {
        if (state.retry) clearTimeout(state.retry);
        state.retry = null;
        state.abort?.abort(new Error('the server stops'));
      }
      await Promise.all(states.map((state) => state.running));
    },
  };
}
