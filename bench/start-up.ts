// Benchmark: how soon `npm start` serves the status page. From spawning the command to the first
// 200 for `/`, with a published site from an earlier run and one broken content file (the admin
// beside it then imports, maybe builds, and publishes; the front must not wait for any of that).
// Several ways, to show where the time goes:
//   floor       a bare `node` that creates an HTTP server and answers 200 (Node's own start-up)
//   start.mjs   `node scripts/start.mjs` (the floor + the front's own imports and set-up)
//   npm start   the command operators run (the above + npm itself), with the compile cache warm
//               (every start after the first), cold (a fresh cache: the first start after an
//               install or an edit) and turned off (NODE_DISABLE_COMPILE_CACHE=1: as before)
// Target: npm start (warm) ≤ 3 s. Run: npx node bench/start-up.ts [--runs 5]
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDir, newBuildId, switchCurrent } from '../src/publish/site-directory.ts';

const ROOT = join(import.meta.dirname, '..');
const TARGET_MS = 3_000;
const runsIndex = process.argv.indexOf('--runs');
const runs = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 5;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const root = mkdtempSync(join(tmpdir(), 'helder-start-bench-'));
cpSync(join(ROOT, 'content'), join(root, 'content'), { recursive: true });
const sitesDir = join(root, 'data', 'site');
const buildId = newBuildId(new Date('2026-12-01T09:00:00Z'));
mkdirSync(join(sitesDir, 'builds'), { recursive: true });
cpSync(join(ROOT, 'dist', 'client'), buildDir(sitesDir, buildId), { recursive: true });
switchCurrent(sitesDir, buildId);
writeFileSync(join(root, 'content', 'incidents', '2026-12-02-zaakstroom-traag.md'), '---\ntitle:\n  nl: Zaakstroom reageert traag\nimpact: [unclosed\n---\n');

const FLOOR = "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.HELDER_PORT), '127.0.0.1')";

/** Milliseconds from spawn to the first 200 for `/`; the whole process group is killed after. */
async function timeToFirstPage(command: string, args: string[], extraEnv: Record<string, string>): Promise<number> {
  const port = await freePort();
  const env = { ...extraEnv, PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`, HOME: root, HELDER_ENV: 'demo', HELDER_HOST: '127.0.0.1', HELDER_PORT: String(port), HELDER_DATA_DIR: join(root, 'data'), HELDER_CONTENT_DIR: join(root, 'content'), npm_config_update_notifier: 'false' };
  const started = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env, stdio: 'ignore', detached: true });
  try {
    for (;;) {
      try {
        const answer = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) });
        await answer.arrayBuffer();
        if (answer.status === 200) return performance.now() - started;
      } catch {
        // Not listening yet.
      }
      if (performance.now() - started > 30_000) throw new Error(`${command} ${args.join(' ')}: no 200 within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    // The front and everything it started (the admin, a build) share its process group.
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

let coldCaches = 0;
const ways: Array<{ name: string; command: string; args: string[]; env?: () => Record<string, string> }> = [
  { name: 'floor (bare node HTTP server)', command: process.execPath, args: ['-e', FLOOR] },
  { name: 'node scripts/start.mjs', command: process.execPath, args: [join(ROOT, 'scripts', 'start.mjs')] },
  { name: 'npm start', command: 'npm', args: ['start', '--silent'] },
  { name: 'npm start, cold compile cache', command: 'npm', args: ['start', '--silent'], env: () => ({ NODE_COMPILE_CACHE: join(root, `compile-cache-${++coldCaches}`) }) },
  { name: 'npm start, compile cache off', command: 'npm', args: ['start', '--silent'], env: () => ({ NODE_DISABLE_COMPILE_CACHE: '1' }) },
];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

console.log(`| way | median ms | min ms | max ms | load (1 min) |`);
console.log(`|---|---:|---:|---:|---:|`);
let npmMedian = 0;
try {
  for (const way of ways) {
    const times: number[] = [];
    // Interleaving would be fairer, but each way's first run also warms the file cache for the next.
    for (let run = 0; run < runs; run++) times.push(await timeToFirstPage(way.command, way.args, way.env?.() ?? {}));
    if (way.name === 'npm start') npmMedian = median(times);
    console.log(`| ${way.name} | ${Math.round(median(times))} | ${Math.round(Math.min(...times))} | ${Math.round(Math.max(...times))} | ${loadavg()[0]!.toFixed(1)} |`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
console.log(`\nTarget: npm start serves / within ${TARGET_MS} ms: ${npmMedian <= TARGET_MS ? 'met' : 'MISSED'} (median ${Math.round(npmMedian)} ms)`);
process.exitCode = npmMedian <= TARGET_MS ? 0 : 1;
