import type { PublishRepository, PublishRun, RunHolder } from '../store/publish-repository.ts';
import { markBuilding, unmarkBuilding } from './build-holder.ts';
import type { BuildRunner } from './build-and-switch.ts';
import { createPublishWaiters, type PublishOutcome } from './publish-waiters.ts';
import { newBuildId } from './site-directory.ts';

export interface PublishQueue {
  /** Stores the request, starts building if nobody is; settles once a build that started after it finished. */
  request(reason: string): Promise<PublishOutcome>;
  /** Builds until nothing is pending (or another process holds the build). */
  drain(): Promise<void>;
  /** Looks again now and then while another process builds, to settle waiters and build what it left. */
  pollWhileBusy(): void;
  /** Stops polling and the build in progress; unsettled requests resolve `pending`. */
  stop(): Promise<void>;
}

/**
 * The publish queue: requests live in SQLite (the repository), one build runs at a time across
 * processes, and every request that arrived during a build is served by one more build. Waiters
 * in this process are settled from the runs recorded in the database (publish-waiters.ts).
 */
export function createPublishQueue(options: {
  repo: PublishRepository;
  clock: () => Date;
  holder: RunHolder;
  isDead: (run: PublishRun) => boolean;
  runner: BuildRunner;
  pollIntervalMs: number;
  log: (line: string) => void;
}): PublishQueue {
  const { repo, clock, holder, isDead, runner, log } = options;
  const waiters = createPublishWaiters(repo);
  let draining: Promise<void> | null = null;
  let isDraining = false;
  let stopped = false;
  let pollTimer: NodeJS.Timeout | null = null;

  const pollWhileBusy = () => {
    if (pollTimer || stopped) return;
    pollTimer = setInterval(() => {
      waiters.settle();
      if (repo.pendingCount() > 0) void drain();
      else if (waiters.size === 0 && pollTimer) {
        clearInterval(pollTimer);
        pollTimer = null;
      }
    }, options.pollIntervalMs);
    pollTimer.unref();
  };

  const drain = (): Promise<void> => {
    if (isDraining || stopped) return draining ?? Promise.resolve();
    // Set before the loop: when nothing waits, the async body finishes before `draining` is assigned.
    // The loop stays in this body (no extra await around it), so a request made between the last
    // run and `isDraining = false` cannot slip through unbuilt.
    isDraining = true;
    draining = (async () => {
      try {
        while (!stopped) {
          const startedAt = clock();
          const result = repo.startRun({ buildId: newBuildId(startedAt), startedAt, contentTime: startedAt, holder, isDead });
          if (!result.started) {
            if (result.why === 'busy') pollWhileBusy();
            break;
          }
          markBuilding(result.run.buildId);
          try {
            await runner.run(result.run);
          } finally {
            unmarkBuilding(result.run.buildId);
          }
          waiters.settle();
        }
      } catch (error) {
        // E.g. the database was locked for longer than its busy timeout: the queue is intact, try again shortly.
        log(`publish: ${error instanceof Error ? error.message : String(error)}; trying again`);
        pollWhileBusy();
      } finally {
        isDraining = false;
        waiters.settle();
      }
    })();
    return draining;
  };

  return {
    request(reason) {
      const request = repo.addRequest(reason, clock());
      if (stopped) return Promise.resolve({ status: 'pending', requestId: request.id, run: null });
      const outcome = waiters.waitFor(request.id);
      void drain();
      return outcome;
    },
    drain,
    pollWhileBusy,
    async stop() {
      stopped = true;
      if (pollTimer) clearInterval(pollTimer);
      pollTimer = null;
      runner.abort();
      await draining;
      waiters.settle();
      waiters.releaseAll();
    },
  };
}
