import { Worker } from 'node:worker_threads';
import { nextTimeBasedChange, type TimeBasedChange } from './next-time-based-change.ts';

/** Timers are re-armed at least this often: a long timer drifts when the machine sleeps or the clock jumps. */
const MAX_TIMER_MS = 60 * 60 * 1000;

export interface TimeBasedRebuilds {
  /**
   * Arms a rebuild for the first change after `derivedAt`, the moment the live site was derived
   * at: a boundary that passed during the build (or while the server was down) fires at once.
   */
  scheduleAfter(derivedAt: Date): void;
  /** The rebuild armed now, if any. */
  next(): TimeBasedChange | null;
  stop(): void;
}

/**
 * Rebuilds the site when it goes stale without an edit: a maintenance window opens or closes, an
 * update dated in the future becomes visible, Amsterdam midnight starts a new uptime-bar day.
 */
export function createTimeBasedRebuilds(options: {
  contentDir: string;
  clock: () => Date;
  /** Off: scheduleAfter does nothing. */
  enabled: boolean;
  requestPublish: (reason: string) => unknown;
}): TimeBasedRebuilds {
  const { clock } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let nextScheduled: TimeBasedChange | null = null;
  let generation = 0;

  const arm = (change: TimeBasedChange) => {
    const delay = change.at.getTime() - clock().getTime();
    if (delay <= 0) {
      timer = null;
      nextScheduled = null;
      void options.requestPublish(change.reason);
      return;
    }
    timer = setTimeout(() => arm(change), Math.min(delay + 20, MAX_TIMER_MS));
    timer.unref();
  };

  return {
    scheduleAfter(derivedAt) {
      if (!options.enabled || stopped) return;
      const asked = ++generation;
      void computeNextChange(options.contentDir, derivedAt).then((change) => {
        // A newer publish may have asked again meanwhile; only the latest answer counts.
        if (asked !== generation || stopped) return;
        nextScheduled = change;
        if (timer) clearTimeout(timer);
        arm(change);
      });
    },
    next: () => nextScheduled,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/** nextTimeBasedChange over the content folder, computed in a worker thread (see next-change-worker.ts). */
function computeNextChange(contentDir: string, now: Date): Promise<TimeBasedChange> {
  return new Promise((resolveChange) => {
    const fallback = () => resolveChange(nextTimeBasedChange(null, now));
    let worker: Worker;
    try {
      worker = new Worker(new URL('./next-change-worker.ts', import.meta.url), { workerData: { contentDir, now: now.toISOString() } });
    } catch {
      fallback();
      return;
    }
    worker.unref();
    worker.once('message', (message: { at: string; reason: string }) => resolveChange({ at: new Date(message.at), reason: message.reason }));
    worker.once('error', fallback);
    worker.once('exit', fallback);
  });
}
