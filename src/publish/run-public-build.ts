import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface PublicBuildInput {
  /** The Helder checkout (astro.config.mjs, src/, node_modules/). */
  projectDir: string;
  /** Absolute path of the content folder to build from. */
  contentDir: string;
  /** Fresh, absolute output directory. */
  outDir: string;
  /** The instant the site's state is derived at (HELDER_NOW). */
  now: Date;
  siteUrl?: string | undefined;
  /** HELDER_ADMIN_URL for the build: where the subscribe form posts. */
  adminUrl?: string | undefined;
  /** Scratch working directory name; must be unique among concurrent builds. */
  scratchName: string;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

export interface PublicBuildResult {
  ok: boolean;
  exitCode: number | null;
  /** Set when the build was killed (timeout, abort). */
  killedBecause: 'timeout' | 'aborted' | null;
  /** stdout and stderr interleaved, as the build printed them (capped). */
  output: string;
  durationMs: number;
  /** The working directory the child ran in; relative paths in `output` start from here. */
  cwd: string;
}

const OUTPUT_CAP = 256 * 1024;

/** Scratch folders of builds that died with their parent (SIGKILL, power loss) and are long finished. */
export function removeStaleScratch(projectDir: string, olderThanMs: number): void {
  const dir = join(projectDir, 'node_modules', '.helder-publish');
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (Date.now() - statSync(path).mtimeMs > olderThanMs) rmSync(path, { recursive: true, force: true });
  }
}

/**
 * Runs `astro build` with HELDER_BUILD=public in a child process: a build is CPU-heavy and Astro's
 * programmatic build is experimental and empties its outDir, so it must not run inside the server.
 *
 * The child's working directory is a scratch folder inside node_modules/: Astro writes its
 * prerender chunks to `<cwd>/.astro/` when outDir lies outside cwd, and a shared `.astro/` in the
 * project would let two builds (ours and a developer's) overwrite each other's chunks, while a
 * folder under node_modules/ still resolves the project's packages.
 */
export function runPublicBuild(input: PublicBuildInput): Promise<PublicBuildResult> {
  const cwd = join(input.projectDir, 'node_modules', '.helder-publish', input.scratchName);
  mkdirSync(cwd, { recursive: true });
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawnAstroBuild(input, cwd);
    let output = '';
    let dropped = 0;
    const collect = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (output.length + text.length <= OUTPUT_CAP) output += text;
      else dropped += text.length;
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);

    let killedBecause: PublicBuildResult['killedBecause'] = null;
    const kill = (why: 'timeout' | 'aborted') => {
      if (killedBecause || child.exitCode !== null) return;
      killedBecause = why;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => kill('timeout'), input.timeoutMs);
    const onAbort = () => kill('aborted');
    input.signal?.addEventListener('abort', onAbort, { once: true });
    if (input.signal?.aborted) onAbort();

    let finished = false;
    const finish = (exitCode: number | null, spawnError?: Error) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      input.signal?.removeEventListener('abort', onAbort);
      if (spawnError) output += `\n${spawnError.message}`;
      if (dropped > 0) output += `\n… ${dropped} more characters of output not kept`;
      const result = { ok: exitCode === 0 && killedBecause === null && !spawnError, exitCode, killedBecause, output, durationMs: performance.now() - started, cwd };
      // The scratch folder holds only Astro's emptied .astro/; removing it first keeps node_modules tidy.
      void rm(cwd, { recursive: true, force: true, maxRetries: 2 })
        .catch(() => {})
        .finally(() => resolve(result));
    };
    child.once('error', (error) => finish(null, error));
    child.once('close', (code) => finish(code));
  });
}

/**
 * V8 flags for every process that builds the public site (the full build and the warm renderer).
 * Young-generation semi-spaces of 4 MB instead of V8's larger default: a full build's peak memory
 * falls from 583 to 479 MB at 1,000 incidents and from 684 to 616 MB at 5,000, in about the same
 * time (docs/benchmarks.md). Only the garbage collector's pacing changes, never a limit that a
 * larger site could hit.
 */
export const BUILD_NODE_FLAGS = ['--max-semi-space-size=4'];

/** Preloaded into the build: it takes its process group down when the server that started it is gone. */
export const DIE_WITH_PARENT = fileURLToPath(new URL('./die-with-parent.ts', import.meta.url));

/** The child process: Astro's own CLI on the Node running us, configured through HELDER_* variables. */
function spawnAstroBuild(input: PublicBuildInput, cwd: string): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(process.execPath, [...BUILD_NODE_FLAGS, '--import', pathToFileURL(DIE_WITH_PARENT).href, join(input.projectDir, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--root', input.projectDir], {
    cwd,
    env: {
      ...process.env,
      HELDER_BUILD: 'public',
      HELDER_OUT_DIR: input.outDir,
      HELDER_CONTENT_DIR: input.contentDir,
      HELDER_NOW: input.now.toISOString(),
      ...(input.siteUrl ? { HELDER_SITE_URL: input.siteUrl } : {}),
      ...(input.adminUrl ? { HELDER_ADMIN_URL: input.adminUrl } : {}),
      // Colour codes make stored error text unreadable in the admin.
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      ASTRO_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so a timeout also stops any workers the build started; die-with-parent.ts
    // stops the group when the server is killed, so no build outlives it.
    detached: true,
  });
}
