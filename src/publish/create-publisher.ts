import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database } from '../store/database.ts';
import { createPublishRepository, type PublishRun } from '../store/publish-repository.ts';
import { createBuildRunner, type BuildRunner } from './build-and-switch.ts';
import { abandonedAfterMs, createDeadRunCheck, isBuildingHere, thisProcess } from './build-holder.ts';
import { watchContentFolder } from './content-watch.ts';
import { createFailureRetries } from './failure-retries.ts';
import type { TimeBasedChange } from './next-time-based-change.ts';
import { createPublishQueue } from './publish-queue.ts';
import type { PublishOutcome } from './publish-waiters.ts';
import { removeStaleScratch } from './run-public-build.ts';
import { BUILDS_FOLDER, buildDir, currentBuildId, removeStrayEntries } from './site-directory.ts';
import { createTimeBasedRebuilds } from './time-based-rebuilds.ts';
import { createWarmRenderer } from './warm-renderer.ts';

export type { PublishOutcome } from './publish-waiters.ts';

export interface PublisherOptions {
  /** The Helder checkout that holds astro.config.mjs and src/pages. */
  projectDir: string;
  /** The content folder to publish (content/ in the embedded default). */
  contentDir: string;
  /** Where builds and the `current` link live, e.g. data/site. */
  sitesDir: string;
  /** Overrides site.yaml's url for feeds, sitemap and canonical links. */
  siteUrl?: string | undefined;
  /** The admin's address: the public subscribe form posts to its /abonneren. */
  adminUrl?: string | undefined;
  db: Database;
  clock?: () => Date;
  /** Successful builds kept on disk, the current one included. */
  keepBuilds?: number;
  buildTimeoutMs?: number;
  /** Rebuild when a maintenance window opens or closes, at Amsterdam midnight, …; on by default. */
  scheduleTimeBasedRebuilds?: boolean;
  /** How often to look again while another process holds the build. */
  pollIntervalMs?: number;
  /** Pauses before each retry of a failed build (the last one repeats); default 30 s, 1, 2, 5, 10, 15 min. */
  retryDelaysMs?: readonly number[];
  /** Publish when files in the content folder change outside the admin (an editor, git, a fix after a failed build). */
  watchContent?: boolean;
  log?: (line: string) => void;
  /** Called after a build went live, with its own folder: copies to the publish targets start here (src/deploy). */
  afterLive?: (build: { buildId: string; dir: string }) => void;
  /**
   * Incremental publishing: after the first good full build a warm renderer starts beside the
   * server, and later changes on the same Amsterdam day are rendered into a copy of the live build
   * in about a second; the full build stays the fallback. Off by default (tests); on in `npm start`.
   */
  incremental?: boolean;
  /** A warm render that takes longer is given up for the full build; default 60 s. */
  warmRenderTimeoutMs?: number;
}

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
  /** When this process tries a failed build again. */
  nextRetry: Date | null;
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

/**
 * Wires the publisher from its parts: the queue (publish-queue.ts) runs builds one at a time
 * through the build runner (build-and-switch.ts), whose live builds arm the next time-based
 * rebuild (time-based-rebuilds.ts); crashed runs are recognised through build-holder.ts.
 */
export function createPublisher(options: PublisherOptions): Publisher {
  const settings = settingsFrom(options);
  const { projectDir, contentDir, sitesDir, clock, buildTimeoutMs, log } = settings;
  const repo = createPublishRepository(options.db);
  const holder = thisProcess();
  const isDead = createDeadRunCheck(holder, clock, buildTimeoutMs);
  mkdirSync(join(sitesDir, BUILDS_FOLDER), { recursive: true });

  const rebuilds = createTimeBasedRebuilds({ contentDir, clock, enabled: options.scheduleTimeBasedRebuilds !== false, requestPublish: (reason) => publisher.requestPublish(reason) });
  /**
   * The first render on top of a full build renders every route (it has no digests of that
   * build); doing it at once, with the content as it is, keeps that cost off the next change.
   */
  const prime = () => {
    if (!stopped) void publisher.requestPublish(PRIME_REASON);
  };
  const warmRenderer = options.incremental
    ? createWarmRenderer({ projectDir, siteUrl: options.siteUrl, adminUrl: options.adminUrl, renderTimeoutMs: options.warmRenderTimeoutMs ?? 60_000, log, onReady: prime })
    : undefined;
  const retries = createFailureRetries({ delaysMs: options.retryDelaysMs, requestPublish: (reason) => void publisher.requestPublish(reason) });
  const builder = createBuildRunner({
    ...settings,
    siteUrl: options.siteUrl,
    adminUrl: options.adminUrl,
    repo,
    warmRenderer,
    onFullBuildLive: () => {
      if (warmRenderer?.isReady()) prime();
    },
    onLive: (contentTime) => {
      // Not before: its start-up would compete with the first build for the same cores.
      if (!stopped) warmRenderer?.start();
      retries.afterSuccess();
      rebuilds.scheduleAfter(contentTime);
      const buildId = currentBuildId(sitesDir);
      if (buildId) options.afterLive?.({ buildId, dir: buildDir(sitesDir, buildId) });
    },
    onFailed: () => retries.afterFailure(),
  });
  // Real time of this process's latest build start: what the content watch compares file times with.
  let lastBuildStartMs = Date.now();
  // A change seen while a build ran, which that build may have missed.
  let changeDuringBuildMs = 0;
  const runner: BuildRunner = {
    async run(run) {
      const startMs = Date.now();
      lastBuildStartMs = startMs;
      await builder.run(run);
      if (changeDuringBuildMs > startMs + EVENT_LATENCY_MS) {
        changeDuringBuildMs = 0;
        void publisher.requestPublish('Inhoud gewijzigd in de inhoudsmap');
      }
    },
    abort: () => builder.abort(),
  };
  const queue = createPublishQueue({ repo, clock, holder, isDead, runner, pollIntervalMs: settings.pollIntervalMs, log });
  let stopWatching: (() => void) | null = null;
  let stopped = false;
  // The watch begins once the publisher is in use (started, or asked to publish): a CLI command
  // that only opens the app must not publish because somebody saved a file meanwhile.
  const beginWatching = () => {
    if (options.watchContent && !stopWatching && !stopped) stopWatching = watchContentFolder({ contentDir, onChange: publishIfContentChanged, log });
  };
  /** A change in the folder that no queued or running build covers yet (the admin's own writes come with their request). */
  const publishIfContentChanged = (lastChangeMs: number) => {
    // A queued build starts after the change and covers it.
    if (repo.pendingCount() > 0) return;
    if (repo.running()) {
      changeDuringBuildMs = lastChangeMs;
      return;
    }
    if (lastChangeMs > lastBuildStartMs + EVENT_LATENCY_MS) void publisher.requestPublish('Inhoud gewijzigd in de inhoudsmap');
  };

  const publisher: Publisher = {
    requestPublish(reason) {
      if (!reason.trim()) throw new Error('requestPublish: give a reason (it is shown in the publish history)');
      beginWatching();
      return queue.request(reason);
    },

    start() {
      const recovered = repo.recoverInterrupted(clock(), isDead);
      if (recovered > 0) log('publish: a build was interrupted by a crash or restart; building again');
      removeStrayEntries(sitesDir, (buildId) => repo.isLiveBuild(buildId) || isBuildingHere(buildId));
      removeStaleScratch(projectDir, abandonedAfterMs(buildTimeoutMs));
      const lastSuccess = repo.latestWithStatus('succeeded');
      if (repo.pendingCount() > 0) {
        void queue.drain();
      } else if (repo.running()) {
        queue.pollWhileBusy();
      } else if (currentBuildId(sitesDir) === null || !lastSuccess) {
        void publisher.requestPublish('Eerste publicatie van de statuspagina');
      } else if (newestModification(contentDir) > lastSuccess.startedAt.getTime()) {
        void publisher.requestPublish('Inhoud gewijzigd buiten de beheeromgeving (bijv. git pull)');
      }
      // From the live site's own moment: a window that opened while the server was down is caught up at once.
      rebuilds.scheduleAfter(lastSuccess?.contentTime ?? clock());
      beginWatching();
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
        nextScheduled: rebuilds.next(),
        nextRetry: retries.next(),
      };
    },

    history(limit = 20) {
      return repo.latestRuns(limit);
    },

    async stop() {
      stopped = true;
      stopWatching?.();
      retries.stop();
      rebuilds.stop();
      await queue.stop();
      warmRenderer?.stop();
    },
  };

  return publisher;
}

/** The publish history's reason for the render that prepares incremental publishing after a full build. */
export const PRIME_REASON = 'Automatisch: snelle publicatie voorbereiden';

/**
 * How late a file event may arrive after the write: the admin writes a file and then asks for a
 * build, so the event of its own write lands just after that build started and must not count as
 * a change the build missed.
 */
const EVENT_LATENCY_MS = 500;

/** The options with paths resolved and checked, and defaults filled in. */
function settingsFrom(options: PublisherOptions) {
  const projectDir = resolve(options.projectDir);
  const contentDir = resolve(options.contentDir);
  const sitesDir = resolve(options.sitesDir);
  for (const [name, dir] of Object.entries({ projectDir, contentDir })) {
    if (!existsSync(dir)) throw new Error(`createPublisher: ${name} ${dir} does not exist`);
  }
  if (!existsSync(join(projectDir, 'astro.config.mjs'))) throw new Error(`createPublisher: projectDir ${projectDir} has no astro.config.mjs`);
  return {
    projectDir,
    contentDir,
    sitesDir,
    clock: options.clock ?? (() => new Date()),
    keepBuilds: Math.max(1, options.keepBuilds ?? 3),
    buildTimeoutMs: options.buildTimeoutMs ?? 5 * 60 * 1000,
    pollIntervalMs: options.pollIntervalMs ?? 1_000,
    log: options.log ?? ((line: string) => console.log(line)),
  };
}

/** The newest modification time of any content file (content edited by hand or by git while the server was down). */
function newestModification(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
