import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUILD_NODE_FLAGS, DIE_WITH_PARENT } from './run-public-build.ts';
import type { CopiedMessage, RenderReply, RenderRequest, WarmMessage } from './warm-render-process.ts';

export interface WarmRendererOptions {
  projectDir: string;
  siteUrl?: string | undefined;
  adminUrl?: string | undefined;
  /** A render that takes longer is given up (the full build takes over). */
  renderTimeoutMs: number;
  log: (line: string) => void;
  /** Called each time a (re)started renderer is ready. */
  onReady?: () => void;
}

export interface WarmRenderResult {
  written: number;
  removed: number;
  /** The files written or removed, relative to the build: all that differs from the build it started from. */
  changed: string[];
  routes: number;
  /** Routes not rendered: the data they show did not change. */
  skipped: number;
  durationMs: number;
  phases: RenderReply['phases'];
}

export interface WarmRenderer {
  /**
   * Renders every changed route for the content at `now` into `outDir`, a hard-linked copy of the
   * live build that the caller is still making: `copied` settles when it is complete, and the
   * renderer loads the content meanwhile. Null when the renderer cannot be used (not started yet,
   * crashed, code changed since it started): the caller builds in full. Rejects when the render
   * itself (or the copy) failed. The caller waits for `copied` before it removes `outDir`.
   */
  render(input: { contentDir: string; now: Date; outDir: string; copied: Promise<void>; baseBuildId: string; buildId: string }): Promise<WarmRenderResult | null>;
  /** Starts (again) in the background; a no-op while one is starting or running on current code. */
  start(): void;
  isReady(): boolean;
  stop(): void;
}

/** A render failed because the content does not load: the full build reports the problem. */
export function isContentProblem(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { contentProblem?: unknown }).contentProblem === true;
}

const WARM_PROCESS = fileURLToPath(new URL('./warm-render-process.ts', import.meta.url));

/** What the warm process compiled from: the same inputs as the full build, plus the MDX pages. */
const CODE_INPUTS = ['src', 'public', 'content/pages', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];

/** Newest modification time among the build's code inputs: a newer one means the bundle is stale. */
export function newestCodeChange(projectDir: string): number {
  const newest = (path: string): number => {
    if (!existsSync(path)) return 0;
    const info = statSync(path);
    if (!info.isDirectory()) return info.mtimeMs;
    let latest = info.mtimeMs;
    for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
    return latest;
  };
  return Math.max(...CODE_INPUTS.map((input) => newest(join(projectDir, input))));
}

/**
 * The server's side of the warm renderer (warm-render-process.ts): one child process, started
 * in the background, that renders changed content in about a second instead of a child build.
 * Anything unusual (not ready, crashed, code changed, a failed or slow render) makes the publisher
 * fall back to the full child build, so the public site never depends on this path.
 */
export function createWarmRenderer(options: WarmRendererOptions): WarmRenderer {
  let child: ChildProcess | null = null;
  let ready = false;
  let codeAtStart = 0;
  let nextId = 1;
  const pending = new Map<number, { resolve: (reply: RenderReply) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  let scratch: string | null = null;

  const failAll = (error: Error) => {
    for (const [id, waiter] of pending) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
      pending.delete(id);
    }
  };

  const stop = () => {
    ready = false;
    const running = child;
    child = null;
    if (running && running.exitCode === null) {
      try {
        process.kill(-running.pid!, 'SIGKILL');
      } catch {
        running.kill('SIGKILL');
      }
    }
    failAll(new Error('the warm renderer stopped'));
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    scratch = null;
  };

  const start = () => {
    if (child) return;
    codeAtStart = newestCodeChange(options.projectDir);
    // Astro writes its prerender chunks under the working directory's .astro/: one of our own.
    scratch = join(options.projectDir, 'node_modules', '.helder-publish', `warm-${process.pid}`);
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    const started = fork(WARM_PROCESS, [], {
      cwd: scratch,
      execArgv: [...BUILD_NODE_FLAGS, '--import', pathToFileURL(DIE_WITH_PARENT).href],
      env: {
        ...process.env,
        HELDER_PROJECT_DIR: options.projectDir,
        HELDER_BUILD: 'public',
        HELDER_OUT_DIR: join(scratch, 'parked-build'),
        ...(options.siteUrl ? { HELDER_SITE_URL: options.siteUrl } : {}),
        ...(options.adminUrl ? { HELDER_ADMIN_URL: options.adminUrl } : {}),
        NO_COLOR: '1',
        FORCE_COLOR: '0',
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Its own process group, like the full build: die-with-parent.ts takes it down with us.
      detached: true,
    });
    child = started;
    let stderr = '';
    started.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    started.on('message', (message: WarmMessage) => {
      if (message.type === 'ready') {
        ready = true;
        options.log(`publish: warm renderer ready (${(message.startMs / 1000).toFixed(1)} s)`);
        options.onReady?.();
        return;
      }
      const waiter = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiter || message.id === undefined) {
        if (message.type === 'failed') options.log(`publish: warm renderer: ${message.error}`);
        return;
      }
      pending.delete(message.id);
      clearTimeout(waiter.timer);
      if (message.type === 'rendered') waiter.resolve(message);
      else if (message.type === 'failed') waiter.reject(Object.assign(new Error(message.error), { contentProblem: message.contentProblem === true }));
    });
    started.once('exit', (code, signal) => {
      if (child !== started) return;
      options.log(`publish: warm renderer stopped (${signal ?? `exit ${code}`}); publishing uses the full build${stderr ? `\n${stderr}` : ''}`);
      child = null;
      ready = false;
      failAll(new Error('the warm renderer exited'));
    });
  };

  return {
    start,
    stop,
    isReady: () => ready && child !== null,
    async render({ contentDir, now, outDir, copied, baseBuildId, buildId }) {
      if (!child || !ready) return null;
      if (newestCodeChange(options.projectDir) > codeAtStart) {
        // Its bundle is of older code: start again on the new code; this publish builds in full.
        options.log('publish: the code changed; the warm renderer starts again');
        stop();
        start();
        return null;
      }
      const id = nextId++;
      const reply = await new Promise<RenderReply>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`the warm render took longer than ${options.renderTimeoutMs} ms`));
          // A render that hangs leaves the bundle in an unknown state.
          stop();
          start();
        }, options.renderTimeoutMs);
        pending.set(id, { resolve, reject, timer });
        const running = child!;
        running.send({ type: 'render', id, contentDir, now: now.toISOString(), outDir, baseBuildId, buildId } satisfies RenderRequest);
        const report = (message: CopiedMessage) => {
          if (running.connected) running.send(message);
        };
        copied.then(
          () => report({ type: 'copied', id }),
          (error: unknown) => report({ type: 'copied', id, error: error instanceof Error ? error.message : String(error) }),
        );
      });
      return { written: reply.written.length, removed: reply.removed.length, changed: [...reply.written, ...reply.removed], routes: reply.routes, skipped: reply.skipped, durationMs: reply.durationMs, phases: reply.phases };
    },
  };
}
