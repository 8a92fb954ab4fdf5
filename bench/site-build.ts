/**
 * Build benchmark: synthetic content with 100, 1,000 and 5,000 incidents (reusing the demo
 * products, municipalities and maintenance), each built with `astro build` in a child process.
 * Reports wall time, peak memory, page count, and the home page's transfer (gzip) and requests.
 *
 *   npx node bench/site-build.ts                 # 100, 1000, 5000
 *   npx node bench/site-build.ts 1000 --profile  # one size, with a CPU profile summary
 *   npx node bench/site-build.ts 1000 5000 --runs 3
 *   options: --keep (leave the temp dirs), --profile (node --cpu-prof of the build process),
 *   --runs N (build each size N times: on a shared machine one run says little)
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { BUILD_NODE_FLAGS } from '../src/publish/run-public-build.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ASTRO = join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
const NOW = '2026-11-27T12:00:00Z';
const TARGET_SECONDS: Record<number, number> = { 1000: 10, 5000: 45 };
const HOME_TARGET = { kilobytes: 20, requests: 4 };

const args = process.argv.slice(2);
const runsIndex = args.indexOf('--runs');
const runs = runsIndex === -1 ? 1 : Number(args[runsIndex + 1]);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be followed by a positive integer, got "${args[runsIndex + 1]}"`);
const positional = args.filter((arg, index) => !arg.startsWith('--') && !(runsIndex !== -1 && index === runsIndex + 1));
const flags = new Set(args.filter((arg) => arg.startsWith('--')));
const sizes = positional.map(Number);
for (const [index, size] of sizes.entries()) {
  if (!Number.isInteger(size) || size < 1) throw new Error(`incident count must be a positive integer, got "${positional[index]}"`);
}

// ---------------------------------------------------------------------------------------------
// Synthetic content
// ---------------------------------------------------------------------------------------------

/** Deterministic PRNG (mulberry32): the same size always yields the same content. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Catalog {
  components: Array<{ id: string; name: string }>;
  municipalities: Array<{ id: string; products: string[] }>;
}

const PROBLEMS = [
  { nl: 'is traag', en: 'is slow', status: 'degraded_performance' },
  { nl: 'is gedeeltelijk niet beschikbaar', en: 'is partly unavailable', status: 'partial_outage' },
  { nl: 'is niet bereikbaar', en: 'is unavailable', status: 'major_outage' },
  { nl: 'geeft foutmeldingen bij opslaan', en: 'shows errors when saving', status: 'partial_outage' },
] as const;

const CAUSES = [
  { nl: 'een volle schijf op een databaseserver', en: 'a full disk on a database server' },
  { nl: 'een verlopen certificaat op een koppeling', en: 'an expired certificate on a link' },
  { nl: 'een storing bij een externe leverancier', en: 'an outage at an external supplier' },
  { nl: 'een fout in de update van vannacht', en: 'a fault in last night\'s update' },
] as const;

function yamlString(text: string): string {
  return JSON.stringify(text);
}

function syntheticIncident(index: number, next: () => number, catalog: Catalog): { name: string; text: string } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const component = pick(catalog.components);
  const problem = pick(PROBLEMS);
  const cause = pick(CAUSES);
  // Spread over the two years before NOW, at office-ish hours.
  const start = new Date(Date.parse(NOW) - Math.floor(next() * 730) * 86_400_000 - (2 + Math.floor(next() * 10)) * 3_600_000);
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000).toISOString().replace('.000Z', 'Z');
  const users = catalog.municipalities.filter((municipality) => municipality.products.includes(component.id));
  const local = next() < 0.3 && users.length > 0;
  const scope = local ? `{ municipalities: [${[...new Set([pick(users).id, pick(users).id])].join(', ')}] }` : 'all';
  const impact = problem.status === 'major_outage' ? 'major' : 'minor';
  const day = start.toISOString().slice(0, 10);
  const name = `${day}-synthetisch-${String(index).padStart(5, '0')}-${component.id}`;
  const body = (nl: string, en: string) => `\n      nl: ${yamlString(nl)}\n      en: ${yamlString(en)}`;
  const lines = [
    '---',
    'title:',
    `  nl: ${yamlString(`${component.name} ${problem.nl}`)}`,
    `  en: ${yamlString(`${component.name} ${problem.en}`)}`,
    `impact: ${impact}`,
    `components: [${component.id}]`,
    `scope: ${scope}`,
    'workaround:',
    `  nl: ${yamlString('Noteer aanvragen en verwerk ze zodra het product weer werkt.')}`,
    `  en: ${yamlString('Record requests and process them once the product works again.')}`,
    'updates:',
    `  - at: ${at(0)}`,
    '    status: investigating',
    `    components: { ${component.id}: ${problem.status} }`,
    `    next_update_at: ${at(30)}`,
    `    body:${body(`${component.name} ${problem.nl}. We onderzoeken de oorzaak.`, `${component.name} ${problem.en}. We are investigating the cause.`)}`,
    `  - at: ${at(25)}`,
    '    status: identified',
    `    body:${body(`De oorzaak is ${cause.nl}. We werken aan een oplossing.`, `The cause is ${cause.en}. We are working on a fix.`)}`,
    `  - at: ${at(70)}`,
    '    status: monitoring',
    `    components: { ${component.id}: operational }`,
    `    body:${body('De oplossing is doorgevoerd. We houden het in de gaten.', 'The fix is in place. We are keeping an eye on it.')}`,
    `  - at: ${at(130)}`,
    '    status: resolved',
    `    body:${body('De storing is opgelost.', 'The incident is resolved.')}`,
    '---',
    index % 20 === 0 ? `\n## Oorzaak\n\nDe oorzaak was ${cause.nl}.\n\n## Maatregelen\n\n1. We hebben bewaking toegevoegd.\n` : '',
  ];
  return { name, text: lines.join('\n') };
}

function writeSyntheticContent(dir: string, count: number): void {
  const source = join(ROOT, 'content');
  for (const file of ['site.yaml', 'components.yaml', 'municipalities.yaml']) cpSync(join(source, file), join(dir, file));
  cpSync(join(source, 'maintenance'), join(dir, 'maintenance'), { recursive: true });
  cpSync(join(source, 'guidance'), join(dir, 'guidance'), { recursive: true });
  mkdirSync(join(dir, 'incidents'));
  const catalog: Catalog = {
    components: (parseYaml(readFileSync(join(source, 'components.yaml'), 'utf8')) as Catalog).components,
    municipalities: (parseYaml(readFileSync(join(source, 'municipalities.yaml'), 'utf8')) as Catalog).municipalities,
  };
  const next = random(count);
  for (let index = 0; index < count; index += 1) {
    const incident = syntheticIncident(index, next, catalog);
    writeFileSync(join(dir, 'incidents', `${incident.name}.md`), incident.text);
  }
}

// ---------------------------------------------------------------------------------------------
// Building and measuring
// ---------------------------------------------------------------------------------------------

interface BuildResult {
  seconds: number;
  /** User + system CPU seconds (GNU time only): steadier than wall time on a busy machine. */
  cpuSeconds: number | null;
  /** The system part: file and pipe syscalls, which vary most with the machine's load. */
  systemSeconds: number | null;
  peakRssMb: number | null;
  output: string;
}

function runBuild(contentDir: string, outDir: string, profileDir: string | null): Promise<BuildResult> {
  const nodeArgs = [...BUILD_NODE_FLAGS, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), ASTRO, 'build'];
  const useTime = existsSync('/usr/bin/time');
  const [command, commandArgs] = useTime ? ['/usr/bin/time', ['-v', process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  // As the admin's publish step runs it (src/publish/run-public-build.ts): no telemetry, no colours.
  const env = {
    ...process.env,
    HELDER_BUILD: 'public',
    HELDER_OUT_DIR: outDir,
    HELDER_CONTENT_DIR: contentDir,
    HELDER_NOW: NOW,
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, commandArgs as string[], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    // Without GNU time, sample the RSS of the build process from /proc.
    let polledPeakKb = 0;
    const poll = useTime
      ? undefined
      : setInterval(() => {
          try {
            const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (match) polledPeakKb = Math.max(polledPeakKb, Number(match[1]));
          } catch {
            // The process may just have exited.
          }
        }, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) {
        reject(new Error(`astro build failed (exit ${code}) for ${contentDir}:\n${output.split('\n').slice(-40).join('\n')}`));
        return;
      }
      const timed = /Maximum resident set size \(kbytes\): (\d+)/.exec(output);
      const peakKb = timed ? Number(timed[1]) : polledPeakKb;
      const user = /User time \(seconds\): ([\d.]+)/.exec(output);
      const system = /System time \(seconds\): ([\d.]+)/.exec(output);
      const cpuSeconds = user && system ? Number(user[1]) + Number(system[1]) : null;
      resolvePromise({ seconds, cpuSeconds, systemSeconds: system ? Number(system[1]) : null, peakRssMb: peakKb > 0 ? peakKb / 1024 : null, output });
    });
  });
}

function countFiles(dir: string, suffix: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) count += countFiles(join(dir, entry.name), suffix);
    else if (entry.name.endsWith(suffix)) count += 1;
  }
  return count;
}

interface HomeTransfer {
  gzipBytes: number;
  /** HTML, stylesheets and scripts only: what the issue's 20 KB budget counts. */
  documentGzipBytes: number;
  requests: number;
  scripts: number;
  /** Each file with its transfer size; the HTML first. */
  resources: string[];
  missing: string[];
}

/**
 * What a first visit to the home page downloads: the HTML plus the stylesheets, scripts, icons and
 * images it references, and the fonts those stylesheets reference (an upper bound: a browser only
 * fetches the font files it actually uses). Sizes are gzip at the default level, as a server would send.
 */
function homeTransfer(outDir: string): HomeTransfer {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const gzip = (buffer: Buffer | string) => gzipSync(buffer).length;
  const local = (url: string) => url.startsWith('/') && !url.startsWith('//');
  const fileFor = (url: string) => join(outDir, decodeURIComponent(url.split(/[?#]/)[0]!));
  const references = new Set<string>();
  for (const match of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = match[0];
    const rel = /\brel=["']?([^"'\s>]+)/i.exec(tag)?.[1] ?? '';
    const href = /\bhref=["']?([^"'\s>]+)/i.exec(tag)?.[1];
    if (href && /stylesheet|icon|preload|modulepreload|manifest/i.test(rel)) references.add(href);
  }
  for (const match of html.matchAll(/<(?:script|img|source)\b[^>]*\bsrc=["']?([^"'\s>]+)/gi)) references.add(match[1]!);
  const scripts = [...html.matchAll(/<script\b/gi)].length;
  const resources: string[] = [];
  const missing: string[] = [];
  let gzipBytes = gzip(html);
  let documentGzipBytes = gzipBytes;
  const htmlKb = (gzipBytes / 1024).toFixed(1);
  const seen = new Set<string>();
  const add = (url: string) => {
    // A data: URL is inline: no request, and its bytes are already in the referencing file.
    if (seen.has(url) || url.startsWith('data:')) return;
    seen.add(url);
    if (!local(url)) {
      missing.push(`${url} (third-party)`);
      return;
    }
    const file = fileFor(url);
    if (!existsSync(file) || !statSync(file).isFile()) {
      missing.push(url);
      return;
    }
    const content = readFileSync(file);
    // Fonts and images are already compressed; servers send them as they are.
    const bytes = /\.(woff2?|png|jpe?g|webp|avif|ico)$/i.test(file) ? content.length : gzip(content);
    gzipBytes += bytes;
    if (/\.(css|m?js)$/i.test(file)) documentGzipBytes += bytes;
    resources.push(`${url} (${(bytes / 1024).toFixed(1)} KB)`);
    if (file.endsWith('.css')) {
      for (const fontMatch of content.toString('utf8').matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
        const target = fontMatch[1]!;
        if (target.startsWith('data:')) continue;
        add(target.startsWith('/') ? target : new URL(target, `https://x${url}`).pathname);
      }
    }
  };
  for (const url of references) add(url);
  return { gzipBytes, documentGzipBytes, requests: 1 + resources.length, scripts, resources: [`index.html (${htmlKb} KB)`, ...resources], missing };
}

// ---------------------------------------------------------------------------------------------
// CPU profile summary
// ---------------------------------------------------------------------------------------------

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Self time per function and per package from a .cpuprofile, to see where a slow build spends it. */
function summariseProfile(profileDir: string): string {
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) return '(no CPU profile written)';
  const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const msPerSample = totalMs / Math.max(profile.samples.length, 1);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = (node.hitCount ?? 0) * msPerSample;
    if (ms === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.replace(/^file:\/\//, '').replace(ROOT, '.');
    const key = `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    const packageName =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1] ??
      (where.startsWith('./src/') ? where.split('/').slice(0, 3).join('/') : where.includes('.astro/') || where.includes('/chunks/') ? 'built site code (chunks)' : where ? 'other' : `(${functionName})`);
    byPackage.set(packageName, (byPackage.get(packageName) ?? 0) + ms);
  }
  const top = (map: Map<string, number>, count: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, ms]) => `| ${key.replaceAll('|', '\\|')} | ${(ms / 1000).toFixed(2)} | ${((ms / totalMs) * 100).toFixed(1)} % |`);
  return [
    `CPU profile of the build's main thread (${(totalMs / 1000).toFixed(1)} s sampled, ${file}):`,
    '',
    '| Package / area | Self time (s) | Share |',
    '|---|---:|---:|',
    ...top(byPackage, 12),
    '',
    '| Function | Self time (s) | Share |',
    '|---|---:|---:|',
    ...top(byFunction, 15),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const counts = sizes.length > 0 ? sizes : [100, 1000, 5000];
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM, Node ${process.versions.node}`;
  console.log(`Benchmark on ${machine}; HELDER_NOW=${NOW}\n`);
  const rows: string[] = [];
  const notes: string[] = [];
  const loadAverage = () => (existsSync('/proc/loadavg') ? readFileSync('/proc/loadavg', 'utf8').split(' ')[0]! : 'n/a');
  const kilobytes = (bytes: number) => (bytes / 1024).toFixed(1);
  for (const count of counts) {
    const work = mkdtempSync(join(tmpdir(), `helder-bench-${count}-`));
    const contentDir = join(work, 'content');
    mkdirSync(contentDir);
    writeSyntheticContent(contentDir, count);
    for (let run = 1; run <= runs; run += 1) {
      // Inside the project on purpose: with an outDir outside the working directory Astro puts its
      // prerender chunks in the shared <project>/.astro/.prerender, and concurrent builds break each other.
      const outDir = join(ROOT, 'bench', 'out', `${count}-${process.pid}`);
      rmSync(outDir, { recursive: true, force: true });
      const profileDir = flags.has('--profile') ? join(work, `profile-${run}`) : null;
      const loadBefore = loadAverage();
      process.stdout.write(`building ${count} incidents in ${work}${runs > 1 ? ` (run ${run} of ${runs})` : ''} … `);
      const result = await runBuild(contentDir, outDir, profileDir);
      console.log(`${result.seconds.toFixed(1)} s`);
      const pages = countFiles(outDir, '.html');
      const files = countFiles(outDir, '');
      const home = existsSync(join(outDir, 'index.html')) ? homeTransfer(outDir) : null;
      const target = TARGET_SECONDS[count];
      const verdict = target === undefined ? '–' : result.seconds <= target ? `≤ ${target} s ✓` : `≤ ${target} s ✗ (+${(result.seconds - target).toFixed(1)} s)`;
      const homeCells = home
        ? [
            `${kilobytes(home.documentGzipBytes)} ${home.documentGzipBytes <= HOME_TARGET.kilobytes * 1024 ? '✓' : '✗'}`,
            kilobytes(home.gzipBytes),
            `${home.requests} ${home.requests <= HOME_TARGET.requests ? '✓' : '✗'}`,
            String(home.scripts),
          ]
        : ['no index.html', '–', '–', '–'];
      rows.push(
        `| ${[
          count.toLocaleString('en-GB'),
          runs > 1 ? String(run) : '1',
          result.seconds.toFixed(1),
          result.cpuSeconds === null ? 'n/a' : `${result.cpuSeconds.toFixed(1)} (${result.systemSeconds?.toFixed(1)})`,
          verdict,
          result.peakRssMb === null ? 'n/a' : result.peakRssMb.toFixed(0),
          loadBefore,
          pages.toLocaleString('en-GB'),
          files.toLocaleString('en-GB'),
          ...homeCells,
        ].join(' | ')} |`,
      );
      if (home && run === 1) {
        notes.push(`${count} incidents — home page resources: ${home.resources.join(', ') || '(none)'}${home.missing.length ? `; NOT FOUND: ${home.missing.join(', ')}` : ''}`);
      }
      if (profileDir) {
        // Astro's own stage timings (bundling vs. rendering) next to the profile.
        const stages = result.output.split('\n').filter((line) => /Completed in|page\(s\) built|generating static routes|Building static entrypoints/i.test(line));
        notes.push(`Astro stages (${count} incidents, run ${run}):\n${stages.map((line) => `    ${line.replace(/\x1b\[[0-9;]*m/g, '').trim()}`).join('\n')}`);
        notes.push(summariseProfile(profileDir));
      }
      if (flags.has('--keep')) notes.push(`kept ${outDir}`);
      else rmSync(outDir, { recursive: true, force: true });
    }
    if (flags.has('--keep')) notes.push(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  console.log('');
  console.log(
    '| Incidents | Run | Build wall (s) | Build CPU, user + sys (sys) (s) | Target | Peak RSS (MB) | Load avg at start | HTML pages | Files | Home HTML+CSS+JS gzip (KB) | Home incl. fonts and icons (KB) | Home requests | `<script>` on home |',
  );
  console.log('|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
  console.log(
    `\nHome page targets: ≤ ${HOME_TARGET.kilobytes} KB gzip of HTML+CSS+JS, ≤ ${HOME_TARGET.requests} requests, zero JavaScript required. ` +
      'The "incl. fonts and icons" column adds every font the stylesheet references (an upper bound) and the favicon.',
  );
  console.log(`Machine: ${machine}. Load average at the end: ${loadAverage()} (wall times on a busy machine overstate the build; CPU time is steadier).`);
  if (notes.length > 0) console.log(`\n${notes.join('\n\n')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
