import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { Worker } from 'node:worker_threads';
import { dirname, join, resolve } from 'node:path';
import type { Database } from '../store/database.ts';
import { createPublishRepository, type PublishRun } from '../store/publish-repository.ts';
import { describeBuildFailure } from './describe-build-failure.ts';
import { nextTimeBasedChange, type TimeBasedChange } from './next-time-based-change.ts';
import { removeStaleScratch, runPublicBuild } from './run-public-build.ts';
import { buildDir, currentBuildId, newBuildId, pruneBuilds, removeStrayEntries, removeTreeGently, switchCurrent } from './site-directory.ts';

export interface PublisherOptions {
  /** The Helder checkout that holds astro.config.mjs and src/pages. */
  projectDir: string;
  /** The content folder to publish (content/ in the embedded default). */
  contentDir: string;
  /** Where builds and the `current` link live, e.g. data/site. */
  sitesDir: string;
  /** Overrides site.yaml's url for feeds, sitemap and canonical links. */
  siteUrl?: string | undefined;
  db: Database;
  clock?: () => Date;
  /** Successful builds kept on disk, the current one included. */
  keepBuilds?: number;
  buildTimeoutMs?: number;
  /** Rebuild when a maintenance window opens or closes, at Amsterdam midnight, …; on by default. */
  scheduleTimeBasedRebuilds?: boolean;
  /** How often to look again while another process holds the build. */
  pollIntervalMs?: number;
  log?: (line: string) => void;
}

/** What became of one publish request. `pending`: the publisher stopped first; the request stays queued in the database. */
export type PublishOutcome =
  | { status: 'succeeded' | 'failed'; requestId: number; run: PublishRun }
  | { status: 'pending'; requestId: number; run: null };

export interface PublishStatus {
  /** The build in progress, in this or another process. */
  running: PublishRun | null;
  /** Requests waiting for the next build. */
  pending: number;
  lastRun: PublishRun | null;
  lastSuccess: PublishRun | null;
  /** The latest failed run if no build succeeded after it: the public site is behind. */
  lastError: PublishRun | null;
  /** The build the public site serves now. */
  currentBuildId: string | null;
  /** The next automatic rebuild this process has scheduled. */
  nextScheduled: TimeBasedChange | null;
}

export interface Publisher {
  /**
   * Queues a rebuild of the public site; the request is stored before this returns, so it survives
   * a crash. Requests that arrive during a build are all served by one more build. The promise
   * settles once a build that started after this request has finished; it never rejects.
   */
  requestPublish(reason: string): Promise<PublishOutcome>;
  /** Recovers from a crash, publishes what is queued (or a first site) and schedules rebuilds. */
  start(): void;
  status(): PublishStatus;
  history(limit?: number): PublishRun[];
  /** Stops timers and any build in progress; its requests go back to the queue for the next start. */
  stop(): Promise<void>;
}

/** Builds that run in this process, across publisher instances (a crashed holder is told apart by this). */
const activeBuilds = new Set<string>();
const MAX_TIMER_MS = 60 * 60 * 1000;

export function createPublisher(options: PublisherOptions): Publisher {
  const projectDir = resolve(options.projectDir);
  const contentDir = resolve(options.contentDir);
  const sitesDir = resolve(options.sitesDir);
  for (const [name, dir] of Object.entries({ projectDir, contentDir })) {
    if (!existsSync(dir)) throw new Error(`createPublisher: ${name} ${dir} does not exist`);
  }
  if (!existsSync(join(projectDir, 'astro.config.mjs'))) throw new Error(`createPublisher: projectDir ${projectDir} has no astro.config.mjs`);
  const clock = options.clock ?? (() => new Date());
  const keepBuilds = Math.max(1, options.keepBuilds ?? 3);
  const buildTimeoutMs = options.buildTimeoutMs ?? 5 * 60 * 1000;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const log = options.log ?? ((line: string) => console.log(line));
  const repo = createPublishRepository(options.db);
  const holder = { host: hostname(), pid: process.pid };

  const waiters = new Map<number, (outcome: PublishOutcome) => void>();
  let draining: Promise<void> | null = null;
  let isDraining = false;
  let stopped = false;
  let buildAbort: AbortController | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  let scheduleTimer: NodeJS.Timeout | null = null;
  let nextScheduled: TimeBasedChange | null = null;

  mkdirSync(join(sitesDir, 'builds'), { recursive: true });

  /** A run is dead when its holder is gone: this process without the build, a vanished pid, or far past any timeout. */
  const isDead = (run: PublishRun): boolean => {
    if (clock().getTime() - run.startedAt.getTime() > 2 * buildTimeoutMs + 60_000) return true;
    if (run.host !== holder.host) return false;
    if (run.pid === holder.pid) return !activeBuilds.has(run.buildId);
    try {
      process.kill(run.pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  };

  const settleWaiters = () => {
    if (waiters.size === 0) return;
    for (const [requestId, run] of repo.finishedRunsFor([...waiters.keys()])) {
      const resolveOutcome = waiters.get(requestId);
      waiters.delete(requestId);
      resolveOutcome?.({ status: run.status as 'succeeded' | 'failed', requestId, run });
    }
  };

  /** While another process builds: look again now and then, to settle our waiters and build what it left. */
  const ensurePolling = () => {
    if (pollTimer || stopped) return;
    pollTimer = setInterval(() => {
      settleWaiters();
      if (repo.pendingCount() > 0) void drain();
      else if (waiters.size === 0 && pollTimer) {
        clearInterval(pollTimer);
        pollTimer = null;
      }
    }, pollIntervalMs);
    pollTimer.unref();
  };

  const drain = (): Promise<void> => {
    if (isDraining || stopped) return draining ?? Promise.resolve();
    // Set before the loop: when nothing waits, the async body finishes before `draining` is assigned.
    isDraining = true;
    draining = (async () => {
      try {
        while (!stopped) {
          const startedAt = clock();
          const result = repo.startRun({ buildId: newBuildId(startedAt), startedAt, contentTime: startedAt, holder, isDead });
          if (!result.started) {
            if (result.why === 'busy') ensurePolling();
            break;
          }
          activeBuilds.add(result.run.buildId);
          try {
            await execute(result.run);
          } finally {
            activeBuilds.delete(result.run.buildId);
          }
          settleWaiters();
        }
      } catch (error) {
        // E.g. the database was locked for longer than its busy timeout: the queue is intact, try again shortly.
        log(`publish: ${error instanceof Error ? error.message : String(error)}; trying again`);
        ensurePolling();
      } finally {
        isDraining = false;
        settleWaiters();
      }
    })();
    return draining;
  };

  const execute = async (run: PublishRun): Promise<void> => {
    const outDir = buildDir(sitesDir, run.buildId);
    log(`publish: building ${run.buildId} (${run.reasons.join('; ')})`);
    buildAbort = new AbortController();
    const result = await runPublicBuild({
      projectDir,
      contentDir,
      outDir,
      now: run.contentTime,
      siteUrl: options.siteUrl,
      scratchName: run.buildId,
      timeoutMs: buildTimeoutMs,
      signal: buildAbort.signal,
    });
    buildAbort = null;
    const finishedAt = clock();
    if (result.killedBecause === 'aborted') {
      await removeTreeGently(outDir);
      repo.interruptRun(run.id, finishedAt);
      log(`publish: build ${run.buildId} stopped; its requests stay queued`);
      return;
    }

    let error: string | null = null;
    if (!result.ok) error = describeBuildFailure(result, { displayRoot: dirname(contentDir), timeoutMs: buildTimeoutMs });
    else if (!existsSync(join(outDir, 'index.html'))) error = 'The build finished but produced no index.html, so the site was not switched.';
    if (error === null) {
      try {
        switchCurrent(sitesDir, run.buildId);
      } catch (switchError) {
        error = `The build succeeded but switching the public site to it failed: ${switchError instanceof Error ? switchError.message : String(switchError)}`;
      }
    }

    if (error === null) {
      repo.finishRun(run.id, { status: 'succeeded', finishedAt, durationMs: result.durationMs });
      log(`publish: ${run.buildId} is live (${(result.durationMs / 1000).toFixed(1)} s)`);
      try {
        await pruneBuilds(sitesDir, keepBuilds);
      } catch (pruneError) {
        log(`publish: could not remove old builds: ${pruneError instanceof Error ? pruneError.message : String(pruneError)}`);
      }
      scheduleNextChange(run.contentTime);
    } else {
      await removeTreeGently(outDir);
      repo.finishRun(run.id, { status: 'failed', finishedAt, durationMs: result.durationMs, error });
      log(`publish: build ${run.buildId} failed; the public site still shows ${currentBuildId(sitesDir) ?? 'nothing yet'}\n${error}`);
    }
  };

  let scheduleGeneration = 0;
  /**
   * Arms a rebuild for the first change after `derivedAt`, the moment the live site was derived
   * at: a boundary that passed during the build (or while the server was down) fires at once.
   */
  const scheduleNextChange = (derivedAt: Date) => {
    if (options.scheduleTimeBasedRebuilds === false || stopped) return;
    const generation = ++scheduleGeneration;
    void computeNextChange(contentDir, derivedAt).then((change) => {
      // A newer publish may have asked again meanwhile; only the latest answer counts.
      if (generation !== scheduleGeneration || stopped) return;
      nextScheduled = change;
      if (scheduleTimer) clearTimeout(scheduleTimer);
      const arm = () => {
        const delay = change.at.getTime() - clock().getTime();
        if (delay <= 0) {
          scheduleTimer = null;
          nextScheduled = null;
          void publisher.requestPublish(change.reason);
          return;
        }
        // Re-check at least hourly: a long timer drifts when the machine sleeps or the clock jumps.
        scheduleTimer = setTimeout(arm, Math.min(delay + 20, MAX_TIMER_MS));
        scheduleTimer.unref();
      };
      arm();
    });
  };

  const publisher: Publisher = {
    requestPublish(reason) {
      if (!reason.trim()) throw new Error('requestPublish: give a reason (it is shown in the publish history)');
      const request = repo.addRequest(reason, clock());
      if (stopped) return Promise.resolve({ status: 'pending', requestId: request.id, run: null });
      const outcome = new Promise<PublishOutcome>((resolveOutcome) => waiters.set(request.id, resolveOutcome));
      void drain();
      return outcome;
    },

    start() {
      const recovered = repo.recoverInterrupted(clock(), isDead);
      if (recovered > 0) log('publish: a build was interrupted by a crash or restart; building again');
      removeStrayEntries(sitesDir, (buildId) => repo.isLiveBuild(buildId) || activeBuilds.has(buildId));
      removeStaleScratch(projectDir, 2 * buildTimeoutMs + 60_000);
      const lastSuccess = repo.latestWithStatus('succeeded');
      if (repo.pendingCount() > 0) {
        void drain();
      } else if (repo.running()) {
        ensurePolling();
      } else if (currentBuildId(sitesDir) === null || !lastSuccess) {
        void publisher.requestPublish('Eerste publicatie van de statuspagina');
      } else if (newestModification(contentDir) > lastSuccess.startedAt.getTime()) {
        void publisher.requestPublish('Inhoud gewijzigd buiten de beheeromgeving (bijv. git pull)');
      }
      // From the live site's own moment: a window that opened while the server was down is caught up at once.
      scheduleNextChange(lastSuccess?.contentTime ?? clock());
    },

    status() {
      const lastSuccess = repo.latestWithStatus('succeeded');
      const lastFailure = repo.latestWithStatus('failed');
      return {
        running: repo.running(),
        pending: repo.pendingCount(),
        lastRun: repo.latestRuns(1)[0] ?? null,
        lastSuccess,
        lastError: lastFailure && (!lastSuccess || lastFailure.id > lastSuccess.id) ? lastFailure : null,
        currentBuildId: currentBuildId(sitesDir),
        nextScheduled,
      };
    },

    history(limit = 20) {
      return repo.latestRuns(limit);
    },

    async stop() {
      stopped = true;
      if (pollTimer) clearInterval(pollTimer);
      if (scheduleTimer) clearTimeout(scheduleTimer);
      pollTimer = scheduleTimer = null;
      buildAbort?.abort();
      await draining;
      settleWaiters();
      for (const [requestId, resolveOutcome] of waiters) resolveOutcome({ status: 'pending', requestId, run: null });
      waiters.clear();
    },
  };

  return publisher;
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

/** The newest modification time of any content file (content edited by hand or by git while the server was down). */
function newestModification(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
