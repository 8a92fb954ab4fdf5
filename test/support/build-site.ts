import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
export const TEST_BUILDS_DIR = join(PROJECT_ROOT, '.test-builds');

export interface BuildSiteOptions {
  /** Content folder to build from, e.g. test/fixtures/public-site. */
  contentDir: string;
  /** The build's clock, so uptime bars and "ongoing" are reproducible. */
  now: Date;
  siteUrl?: string;
}

export interface BuiltSite {
  outDir: string;
  /** Build output, for debugging a failed test. */
  log: string;
}

/**
 * Builds the public site (static files only, no adapter) into a fresh directory, the same
 * way the admin's publish step does. Runs Astro in a child process on this Node (24).
 */
export async function buildSite(options: BuildSiteOptions): Promise<BuiltSite> {
  // Inside the project on purpose: Astro puts the prerender chunks of an outDir outside the working
  // directory into the shared .astro/ folder, so two such builds at once break each other.
  mkdirSync(TEST_BUILDS_DIR, { recursive: true });
  const outDir = mkdtempSync(join(TEST_BUILDS_DIR, 'site-'));
  const env = {
    ...process.env,
    HELDER_BUILD: 'public',
    HELDER_OUT_DIR: outDir,
    HELDER_CONTENT_DIR: resolve(options.contentDir),
    HELDER_NOW: options.now.toISOString(),
    ...(options.siteUrl ? { HELDER_SITE_URL: options.siteUrl } : {}),
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  const astro = join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs');
  const log = await new Promise<string>((resolvePromise, reject) => {
    const child = spawn(process.execPath, [astro, 'build'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise(output) : reject(new Error(`astro build exited with ${code}:\n${output.slice(-4000)}`))));
  });
  return { outDir, log };
}
