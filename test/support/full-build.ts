import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './build-site.ts';

/** Inputs of the full build (the admin's server bundle); content/ is not one. */
const BUILD_INPUTS = ['src', 'public', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];
const LOCK = join(PROJECT_ROOT, 'node_modules', '.helder-full-build.lock');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** dist/server/entry.mjs is missing or older than any source of the full build. */
export function fullBuildIsStale(): boolean {
  const entry = join(PROJECT_ROOT, 'dist', 'server', 'entry.mjs');
  if (!existsSync(entry)) return true;
  const builtAt = statSync(entry).mtimeMs;
  return BUILD_INPUTS.some((input) => newest(join(PROJECT_ROOT, input)) > builtAt);
}

/**
 * Makes sure dist/ holds a full build (public site + admin server bundle) of the current
 * sources, building it only when missing or stale — the same rule `npm start` uses. Test files
 * run in parallel workers: a lock directory lets one build while the others wait for it.
 */
export async function ensureFullBuild(): Promise<string> {
  const distDir = join(PROJECT_ROOT, 'dist');
  for (;;) {
    if (!fullBuildIsStale()) return distDir;
    try {
      mkdirSync(LOCK);
    } catch {
      // Someone else builds; a lock older than 5 minutes belongs to a killed run.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 5 * 60_000) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    try {
      if (fullBuildIsStale()) await runFullBuild();
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

function runFullBuild(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' };
  delete env.HELDER_BUILD;
  delete env.HELDER_OUT_DIR;
  delete env.HELDER_CONTENT_DIR;
  delete env.HELDER_NOW;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`astro build (full) exited with ${code}:\n${output.slice(-4000)}`))));
  });
}
