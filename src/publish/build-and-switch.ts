import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { amsterdamDay } from '../domain/index.ts';
import type { PublishRepository, PublishRun } from '../store/publish-repository.ts';
import { describeBuildFailure } from './describe-build-failure.ts';
import { createBuildRecycling } from './build-recycling.ts';
import { runPublicBuild, type PublicBuildResult } from './run-public-build.ts';
import { buildDir, currentBuildId, pruneBuilds, removeTreeGently, switchCurrent } from './site-directory.ts';
import type { RenderReply } from './warm-render-process.ts';
import { isContentProblem, type WarmRenderer } from './warm-renderer.ts';

export interface BuildRunner {
  /** Builds the site for one run, switches `current` to it if it is good, and records the outcome. */
  run(run: PublishRun): Promise<void>;
  /** Stops the build in progress, if any; its run is recorded as interrupted. */
  abort(): void;
}

export interface BuildRunnerOptions {
  projectDir: string;
  contentDir: string;
  sitesDir: string;
  siteUrl: string | undefined;
  adminUrl?: string | undefined;
  buildTimeoutMs: number;
  keepBuilds: number;
  repo: PublishRepository;
  clock: () => Date;
  log: (line: string) => void;
  /** Called when a build went live, with the moment its content was derived at. */
  onLive: (contentTime: Date) => void;
  /** Called when a build failed (not when it was stopped): the publisher retries it later. */
  onFailed?: () => void;
  /** Incremental publishing: renders changed content into a copy of the live build; absent: always the full build. */
  warmRenderer?: WarmRenderer | undefined;
  /** Called when a full build went live while incremental publishing works: the publisher primes the warm renderer. */
  onFullBuildLive?: () => void;
}

/** Incremental publishes that fail one after another before the rest of the day is built in full. */
const INCREMENTAL_FAILURES_BEFORE_PAUSE = 3;

/** "content 0.3 s, digests 0.2 s, waiting for the copy 0.0 s, pages 0.4 s, cleanup 0.0 s": where a warm render's time went. */
function describePhases(phases: RenderReply['phases']): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return `content ${s(phases.paths)}, digests ${s(phases.digests)}, waiting for the copy ${s(phases.copyWait)}, pages ${s(phases.render)}, cleanup ${s(phases.finish)}`;
}

/** The live build this process made, and the Amsterdam day of its content: the base an incremental publish may start from. */
interface LiveBase {
  buildId: string;
  day: string;
}

/**
 * One publish run: the child build into a fresh directory, then the atomic switch. A failed or
 * empty build, or a failed switch, leaves the live site as it was and is recorded with a readable
 * error for the dashboard.
 */
export function createBuildRunner(options: BuildRunnerOptions): BuildRunner {
  const { sitesDir, repo, clock, log } = options;
  let buildAbort: AbortController | null = null;
  let base: LiveBase | null = null;
  let failuresInARow = 0;
  const recycling = createBuildRecycling();
  /** The Amsterdam day incremental publishing is paused for, after failing again and again. */
  let pausedDay: string | null = null;

  /**
   * The incremental publish: a hard-linked copy of the live build with every changed route
   * rendered by the warm renderer. Only from a live build this process made on the same Amsterdam
   * day (so the first publish after a start, and the first of every day, is a full build). True
   * when it went live; false hands the run to the full build, with the copy removed.
   */
  const publishIncrementally = async (run: PublishRun, outDir: string): Promise<boolean> => {
    const renderer = options.warmRenderer;
    const liveId = currentBuildId(sitesDir);
    const day = amsterdamDay(run.contentTime);
    if (!renderer || !base || base.buildId !== liveId || base.day !== day || pausedDay === day) return false;
    const started = performance.now();
    // The renderer loads the content while the copy is made. Whatever happens, the copy has
    // finished before it is removed.
    let made: 'recycled' | 'copied' | null = null;
    const copy = recycling.prepare({ sitesDir, liveId, outDir, keepBuilds: options.keepBuilds }).then((how) => {
      made = how;
    });
    const copied = copy.then(
      () => {},
      () => {},
    );
    try {
      const rendered = await renderer.render({ contentDir: options.contentDir, now: run.contentTime, outDir, copied: copy, baseBuildId: liveId, buildId: run.buildId });
      if (!rendered) {
        await copied;
        await removeTreeGently(outDir);
        return false;
      }
      if (!existsSync(join(outDir, 'index.html'))) throw new Error('the render left no index.html');
      switchCurrent(sitesDir, run.buildId);
      recycling.incrementalLive(liveId, run.buildId, rendered.changed);
      log(
        `publish: ${rendered.routes - rendered.skipped} of ${rendered.routes} routes rendered, ${rendered.written} files changed, ${rendered.removed} removed (incremental, ${made === 'recycled' ? 'an old build recycled' : 'the live build copied'}, ${(rendered.durationMs / 1000).toFixed(1)} s render: ${describePhases(rendered.phases)})`,
      );
    } catch (error) {
      log(`publish: incremental publish of ${run.buildId} failed, building in full instead: ${error instanceof Error ? error.message : String(error)}`);
      await copied;
      await removeTreeGently(outDir);
      if (isContentProblem(error)) return false;
      failuresInARow += 1;
      if (failuresInARow >= INCREMENTAL_FAILURES_BEFORE_PAUSE) {
        pausedDay = day;
        log(`publish: incremental publishing failed ${failuresInARow} times in a row; full builds only until the next day`);
      }
      return false;
    }
    failuresInARow = 0;
    base = { buildId: run.buildId, day };
    await recordLive(run, clock(), performance.now() - started);
    return true;
  };

  /** Switches to the build when it is complete; the error to record otherwise. */
  const goLive = (result: PublicBuildResult, outDir: string, buildId: string): string | null => {
    if (!result.ok) return describeBuildFailure(result, { displayRoot: dirname(options.contentDir), timeoutMs: options.buildTimeoutMs });
    if (!existsSync(join(outDir, 'index.html'))) return 'The build finished but produced no index.html, so the site was not switched.';
    try {
      switchCurrent(sitesDir, buildId);
      return null;
    } catch (switchError) {
      return `The build succeeded but switching the public site to it failed: ${switchError instanceof Error ? switchError.message : String(switchError)}`;
    }
  };

  const recordLive = async (run: PublishRun, finishedAt: Date, durationMs: number) => {
    repo.finishRun(run.id, { status: 'succeeded', finishedAt, durationMs });
    log(`publish: ${run.buildId} is live (${(durationMs / 1000).toFixed(1)} s)`);
    try {
      await pruneBuilds(sitesDir, options.keepBuilds);
    } catch (pruneError) {
      log(`publish: could not remove old builds: ${pruneError instanceof Error ? pruneError.message : String(pruneError)}`);
    }
    options.onLive(run.contentTime);
  };

  const recordFailed = async (run: PublishRun, outDir: string, finishedAt: Date, durationMs: number, error: string) => {
    await removeTreeGently(outDir);
    repo.finishRun(run.id, { status: 'failed', finishedAt, durationMs, error });
    log(`publish: build ${run.buildId} failed; the public site still shows ${currentBuildId(sitesDir) ?? 'nothing yet'}\n${error}`);
    options.onFailed?.();
  };

  return {
    async run(run) {
      const outDir = buildDir(sitesDir, run.buildId);
      if (await publishIncrementally(run, outDir)) return;
      log(`publish: building ${run.buildId} (${run.reasons.join('; ')})`);
      buildAbort = new AbortController();
      const result = await runPublicBuild({
        projectDir: options.projectDir,
        contentDir: options.contentDir,
        outDir,
        now: run.contentTime,
        siteUrl: options.siteUrl,
        adminUrl: options.adminUrl,
        scratchName: run.buildId,
        timeoutMs: options.buildTimeoutMs,
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
      const error = goLive(result, outDir, run.buildId);
      if (error === null) {
        base = { buildId: run.buildId, day: amsterdamDay(run.contentTime) };
        recycling.fullBuildLive(run.buildId);
        await recordLive(run, finishedAt, result.durationMs);
        if (failuresInARow === 0 && pausedDay !== base.day) options.onFullBuildLive?.();
      } else await recordFailed(run, outDir, finishedAt, result.durationMs, error);
    },
    abort() {
      buildAbort?.abort();
    },
  };
}
