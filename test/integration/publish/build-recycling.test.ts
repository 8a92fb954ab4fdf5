import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBuildRecycling, type BuildRecycling } from '../../../src/publish/build-recycling.ts';
import { buildDir, pruneBuilds, switchCurrent } from '../../../src/publish/site-directory.ts';

/**
 * Build recycling on real folders: an old build, renamed and given the files it differs in, must
 * be the live build exactly (names, folders, and the same inodes), and anything it cannot vouch
 * for is a plain hard-linked copy.
 */

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function sitesDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'helder-recycling-'));
  roots.push(root);
  return root;
}

/** Every file with its inode, and every folder as "name/". */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) => {
      const name = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
      return entry.isDirectory() ? `${name}/` : `${name} #${statSync(join(entry.parentPath, entry.name)).ino}`;
    })
    .sort();
}

let clock = Date.parse('2026-11-27T09:00:00Z');
/** Build ids in time order, and folder times that follow them (pruning orders by the folder's time). */
function nextBuildId(): string {
  clock += 60_000;
  return `${new Date(clock).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')}-${(clock / 60_000).toString(16).slice(-4)}`;
}
function stamp(dir: string): void {
  const at = new Date(clock);
  utimesSync(dir, at, at);
}

function write(dir: string, file: string, text: string): void {
  const path = join(dir, file);
  if (existsSync(path)) unlinkSync(path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A full build: the home page, two incident pages and the API. */
function fullBuild(sites: string): string {
  const id = nextBuildId();
  const dir = buildDir(sites, id);
  write(dir, 'index.html', '<h1>Alles werkt</h1>');
  write(dir, 'incidenten/2026-11-20-burgerzaken-traag/index.html', 'Burgerzaken traag');
  write(dir, 'onderhoud/2026-12-05-upgrade-loket/index.html', 'Upgrade Loket');
  write(dir, 'api/v2/summary.json', '{"status":"none"}');
  stamp(dir);
  switchCurrent(sites, id);
  return id;
}

/** What the warm renderer does to a copy of the live build, done to a plain copy: returns the changed files. */
function renderInto(outDir: string, change: Change): string[] {
  for (const [file, text] of Object.entries(change.write ?? {})) write(outDir, file, text);
  for (const file of change.remove ?? []) {
    unlinkSync(join(outDir, file));
    // A build keeps no empty folders.
    for (let folder = dirname(join(outDir, file)); folder !== outDir && readdirSync(folder).length === 0; folder = dirname(folder)) rmSync(folder, { recursive: true });
  }
  return [...Object.keys(change.write ?? {}), ...(change.remove ?? [])];
}

type Change = { write?: Record<string, string>; remove?: string[] };

/**
 * One incremental publish as build-and-switch.ts makes it: the base prepared, the render (no
 * folder time set by hand: the recycling sets it), the switch, the recycling told what changed.
 * `beforeRender` sees the prepared folder before anything is written into it.
 */
async function publishIncrementally(
  sites: string,
  recycling: BuildRecycling,
  live: string,
  change: Change,
  beforeRender: (outDir: string, how: 'recycled' | 'copied') => void = () => {},
): Promise<{ buildId: string; how: 'recycled' | 'copied' }> {
  const buildId = nextBuildId();
  const outDir = buildDir(sites, buildId);
  const how = await recycling.prepare({ sitesDir: sites, liveId: live, outDir, keepBuilds: 3 });
  beforeRender(outDir, how);
  const changed = renderInto(outDir, change);
  switchCurrent(sites, buildId);
  recycling.incrementalLive(live, buildId, changed);
  return { buildId, how };
}

describe('build recycling', () => {
  it('copies the live build while fewer builds exist than are kept, then recycles the oldest into an exact copy', async () => {
    const sites = sitesDir();
    const recycling = createBuildRecycling();
    let live = fullBuild(sites);
    recycling.fullBuildLive(live);
    const steps: Change[] = [
      { write: { 'index.html': '<h1>Storing Zaakstroom</h1>', 'incidenten/2026-11-27-zaakstroom-documenten/index.html': 'Onderzoek' } },
      { write: { 'incidenten/2026-11-27-zaakstroom-documenten/index.html': 'Oorzaak gevonden', 'api/v2/summary.json': '{"status":"major"}' } },
      // The maintenance is taken back: its folder goes.
      { remove: ['onderhoud/2026-12-05-upgrade-loket/index.html'] },
      { write: { 'index.html': '<h1>Alles werkt weer</h1>', 'api/v2/summary.json': '{"status":"none"}' } },
      // A new maintenance in a new folder, after its old folder went two steps ago.
      { write: { 'onderhoud/2026-12-12-upgrade-zaakstroom/index.html': 'Upgrade Zaakstroom' } },
    ];
    const how: string[] = [];
    for (const step of steps) {
      // Before the render the new folder is the live build: every name, folder and inode.
      const published = await publishIncrementally(sites, recycling, live, step, (outDir) => expect(tree(outDir)).toEqual(tree(buildDir(sites, live))));
      how.push(published.how);
      live = published.buildId;
      await pruneBuilds(sites, 3);
      expect(readdirSync(join(sites, 'builds')).length).toBeLessThanOrEqual(3);
    }
    expect(how).toEqual(['copied', 'copied', 'recycled', 'recycled', 'recycled']);
    expect(readFileSync(join(sites, 'current', 'index.html'), 'utf8')).toBe('<h1>Alles werkt weer</h1>');
    expect(existsSync(join(sites, 'current', 'onderhoud', '2026-12-05-upgrade-loket'))).toBe(false);
    // The builds kept are the three newest: the recycled folders count as new.
    expect(readdirSync(join(sites, 'builds'))).toContain(live);
  });

  it('makes a recycled build the newest for pruning, even when no file at its top changed', async () => {
    const sites = sitesDir();
    const recycling = createBuildRecycling();
    let live = fullBuild(sites);
    recycling.fullBuildLive(live);
    for (let step = 1; step <= 3; step += 1) {
      const change = { write: { 'incidenten/2026-11-20-burgerzaken-traag/index.html': `Tussenstand ${step}` } };
      const before = live;
      ({ buildId: live } = await publishIncrementally(sites, recycling, live, change, (outDir, how) => {
        if (how === 'recycled') expect(statSync(outDir).mtimeMs).toBeGreaterThan(statSync(buildDir(sites, before)).mtimeMs);
      }));
    }
  });

  it('copies instead of recycling a build whose differences it does not know', async () => {
    const sites = sitesDir();
    const recycling = createBuildRecycling();
    let live = fullBuild(sites);
    recycling.fullBuildLive(live);
    for (let step = 1; step <= 2; step += 1) ({ buildId: live } = await publishIncrementally(sites, recycling, live, { write: { 'index.html': `<h1>Stap ${step}</h1>` } }));
    // A full build went live: what the older builds differ in is no longer known.
    const full = nextBuildId();
    mkdirSync(buildDir(sites, full), { recursive: true });
    for (const file of ['index.html', 'api/v2/summary.json']) {
      mkdirSync(dirname(join(buildDir(sites, full), file)), { recursive: true });
      linkSync(join(buildDir(sites, live), file), join(buildDir(sites, full), file));
    }
    stamp(buildDir(sites, full));
    switchCurrent(sites, full);
    recycling.fullBuildLive(full);
    const outDir = buildDir(sites, nextBuildId());
    expect(await recycling.prepare({ sitesDir: sites, liveId: full, outDir, keepBuilds: 3 })).toBe('copied');
    expect(tree(outDir)).toEqual(tree(buildDir(sites, full)));

    // Another live build than the one it was told about (someone switched by hand): copied too.
    const other = createBuildRecycling();
    other.incrementalLive(live, full, ['index.html']);
    const secondOut = buildDir(sites, nextBuildId());
    expect(await other.prepare({ sitesDir: sites, liveId: live, outDir: secondOut, keepBuilds: 1 })).toBe('copied');
  });
});
