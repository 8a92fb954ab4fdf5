/**
 * `npm run bench`: runs every benchmark one after another (never in parallel: they measure the
 * same two cores) and writes their reports, with the machine they came from, to
 * docs/benchmarks-latest.md. docs/benchmarks.md holds the reviewed figures and their analysis.
 *
 *   npm run bench                  all benchmarks
 *   npm run bench -- site outbox   only these (site, templates, publish, outbox, signals, subscription, channels, start)
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const BENCHMARKS: Record<string, { title: string; args: string[] }> = {
  site: { title: 'Public site build', args: ['bench/site-build.ts'] },
  templates: { title: 'Template rendering', args: ['bench/template-render.ts'] },
  publish: { title: 'Approve → public page updated (incremental)', args: ['bench/publish.ts', '--incidents', '1000,5000', '--runs', '5'] },
  outbox: { title: 'Outbox delivery', args: ['bench/outbox.ts'] },
  signals: { title: 'Customer signals: API ingest and spike rule', args: ['bench/signals.ts'] },
  subscription: { title: 'Subscribe form → confirmation mail', args: ['bench/subscription.ts'] },
  channels: { title: 'Channel fan-out (Teams, Slack, webhooks) and SIGKILL', args: ['bench/channels.ts'] },
  start: { title: 'npm start: time to the first page', args: ['bench/start-up.ts'] },
};

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
const selected = requested.length > 0 ? requested : Object.keys(BENCHMARKS);

const sections: string[] = [];
let failed = false;
for (const name of selected) {
  const { title, args } = BENCHMARKS[name]!;
  console.log(`\n=== ${title} (${args.join(' ')})`);
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(result.stdout ?? '');
  // A benchmark exits non-zero when it misses its target: report it, keep the figures.
  if (result.status !== 0) failed = true;
  sections.push(
    `## ${title}\n\n\`npx node ${args.join(' ')}\` — exit ${result.status}, ${((Date.now() - started) / 1000).toFixed(0)} s\n\n${(result.stdout ?? '').trim()}\n`,
  );
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average at end ${loadavg().map((value) => value.toFixed(1)).join(' / ')}`;
writeFileSync(join(ROOT, 'docs/benchmarks-latest.md'), `# Latest benchmark run\n\n${new Date().toISOString()} on ${machine}\n\n${sections.join('\n')}`);
console.log(`\nWrote docs/benchmarks-latest.md${failed ? ' (one or more targets missed)' : ''}`);
process.exitCode = failed ? 1 : 0;
