import type { PublishRepository, PublishRun } from '../store/publish-repository.ts';

/** What became of one publish request. `pending`: the publisher stopped first; the request stays queued in the database. */
export type PublishOutcome =
  | { status: 'succeeded' | 'failed'; requestId: number; run: PublishRun }
  | { status: 'pending'; requestId: number; run: null };

export interface PublishWaiters {
  /** The outcome of a stored request, once a run that took it up has finished. */
  waitFor(requestId: number): Promise<PublishOutcome>;
  /** Resolves every waiter whose request a finished run took up, whichever process built it. */
  settle(): void;
  readonly size: number;
  /** Resolves the rest `pending` (the publisher stops; their requests stay queued). */
  releaseAll(): void;
}

/** The callers in this process waiting for their requests, settled from the runs recorded in the database. */
export function createPublishWaiters(repo: PublishRepository): PublishWaiters {
  const waiters = new Map<number, (outcome: PublishOutcome) => void>();
  return {
    waitFor: (requestId) => new Promise<PublishOutcome>((resolveOutcome) => waiters.set(requestId, resolveOutcome)),
    settle() {
      if (waiters.size === 0) return;
      for (const [requestId, run] of repo.finishedRunsFor([...waiters.keys()])) {
        const resolveOutcome = waiters.get(requestId);
        waiters.delete(requestId);
        resolveOutcome?.({ status: run.status as 'succeeded' | 'failed', requestId, run });
      }
    },
    get size() {
      return waiters.size;
    },
    releaseAll() {
      for (const [requestId, resolveOutcome] of waiters) resolveOutcome({ status: 'pending', requestId, run: null });
      waiters.clear();
    },
  };
}
