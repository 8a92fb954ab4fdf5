import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDir, newBuildId, switchCurrent } from '../../../src/publish/site-directory.ts';
import { PROJECT_ROOT } from '../../support/build-site.ts';
import { ensureFullBuild } from '../../support/full-build.ts';

/**
 * `npm start` as an operator runs it, in its two processes: the public front and the admin it
 * supervises. The installation has a good published site from an earlier run and, since then, one
 * broken content file. The status page must answer at once, stay up while the admin is killed,
 * frozen and restarted, and nothing may outlive a SIGKILL of `npm start` (no admin, no build).
 */

let root: string;
let origin: string;
let front: ChildProcess;
let output = '';
let startedAt = 0;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function until<T>(what: string, check: () => Promise<T | null> | T | null, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found !== null) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; npm start printed:\n${output.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const status = async (path: string): Promise<number> => {
  try {
    return (await fetch(`${origin}${path}`, { redirect: 'manual', signal: AbortSignal.timeout(5_000) })).status;
  } catch {
    return 0;
  }
};

const adminPids = () => [...output.matchAll(/admin started \(pid (\d+)\)/g)].map((match) => Number(match[1]));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Every process on the machine that belongs to this installation: its data directory is in the environment. */
function processesOfThisInstallation(): Array<{ pid: number; command: string }> {
  const found: Array<{ pid: number; command: string }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (!readFileSync(`/proc/${name}/environ`, 'utf8').includes(root)) continue;
      found.push({ pid: Number(name), command: readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ') });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

beforeAll(async () => {
  const distDir = await ensureFullBuild();
  root = mkdtempSync(join(tmpdir(), 'helder-front-'));
  cpSync(join(PROJECT_ROOT, 'content'), join(root, 'content'), { recursive: true });
  // The last good build: the public site of the full build, published by an earlier run.
  const sitesDir = join(root, 'data', 'site');
  const buildId = newBuildId(new Date('2026-12-01T09:00:00Z'));
  mkdirSync(join(sitesDir, 'builds'), { recursive: true });
  cpSync(join(distDir, 'client'), buildDir(sitesDir, buildId), { recursive: true });
  switchCurrent(sitesDir, buildId);
  // Since then an editor broke an incident file.
  writeFileSync(
    join(root, 'content', 'incidents', '2026-12-02-zaakstroom-traag.md'),
    '---\ntitle:\n  nl: Zaakstroom reageert traag\n  en: Zaakstroom responds slowly\nimpact: [unclosed\ncomponents: [zaakstroom]\nscope: all\nupdates: []\n---\n',
  );

  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  const env = { PATH: process.env.PATH ?? '', HOME: root, HELDER_ENV: 'demo', HELDER_HOST: '127.0.0.1', HELDER_PORT: String(port), HELDER_DATA_DIR: join(root, 'data'), HELDER_CONTENT_DIR: join(root, 'content'), HELDER_INCREMENTAL_PUBLISH: 'false' };
  startedAt = performance.now();
  front = spawn(process.execPath, [join(PROJECT_ROOT, 'scripts', 'start.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  front.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  front.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
}, 300_000);

afterAll(async () => {
  if (front && front.exitCode === null) front.kill('SIGKILL');
  for (const { pid } of processesOfThisInstallation()) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

describe('npm start: the public page survives the admin', { timeout: 120_000 }, () => {
  it('serves the last good build at once although a content file is broken, and the admin sign-in page', async () => {
    await until('the status page', async () => ((await status('/')) === 200 ? true : null), 15_000);
    const firstAnswerMs = performance.now() - startedAt;
    console.log(`npm start: first 200 for / after ${Math.round(firstAnswerMs)} ms`);
    expect(await status('/api/v2/summary.json')).toBe(200);
    await until('the admin', () => (adminPids().length > 0 ? true : null), 60_000);
    expect(await status('/admin/aanmelden')).toBe(200);
  });

  it('keeps answering / while the admin is killed, frozen and restarted', async () => {
    const [first] = adminPids();
    process.kill(first!, 'SIGKILL');
    const answers: number[] = [];
    for (const end = Date.now() + 2_000; Date.now() < end; ) {
      answers.push(await status('/'));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(answers.length).toBeGreaterThan(10);
    expect(new Set(answers)).toEqual(new Set([200]));
    // The admin's own pages say it is away instead of hanging.
    expect([502, 503, 200]).toContain(await status('/admin/aanmelden'));

    const second = await until('the restarted admin', () => adminPids().find((pid) => pid !== first) ?? null, 60_000);
    expect(await status('/admin/aanmelden')).toBe(200);

    // A hung admin (its event loop stopped): the status page does not notice.
    process.kill(second, 'SIGSTOP');
    try {
      for (let index = 0; index < 10; index++) expect(await status('/')).toBe(200);
    } finally {
      process.kill(second, 'SIGCONT');
    }
  });

  it('leaves no admin and no build running after npm start is killed with SIGKILL', async () => {
    // The restarted admin publishes again (its first publication was interrupted); wait for that build.
    await until('a running public build', () => (processesOfThisInstallation().some(({ command }) => command.includes('astro.mjs build')) ? true : null), 60_000);
    front.kill('SIGKILL');
    const left = await until('the installation to stop', () => {
      const running = processesOfThisInstallation();
      return running.length === 0 ? running : null;
    }, 10_000).catch(() => processesOfThisInstallation());
    expect(left).toEqual([]);
  });
});
