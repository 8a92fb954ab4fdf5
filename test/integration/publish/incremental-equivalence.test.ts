import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublisher, PRIME_REASON, type Publisher } from '../../../src/publish/create-publisher.ts';
import { openDatabase, type Database } from '../../../src/store/database.ts';
import { buildSite } from '../../support/build-site.ts';
import { createFixture, projectDir, writeIncident, type FixtureIncident } from './fixture-content.ts';

/**
 * Incremental publishing (issue 10, item 5): after each change in a realistic sequence the warm
 * renderer's output, rendered into a hard-linked copy of the live build (or into a recycled older
 * build made equal to it, from the third publish on), must equal a full build of
 * the same content at the same moment, file by file (names and bytes). A full build per step would
 * cost about 5 s each (15–20 s on a busy machine), so the comparison runs after the step that
 * changes the set of pages (a new incident: new pages, sitemap, history) and after the last step;
 * every step checks that it really went the incremental way and left unchanged files shared.
 */

const quiet = () => {};
/** 10:00 in Amsterdam; every step a few minutes later, all on the same day. */
const START = Date.parse('2026-11-27T09:00:00Z');

/** Every file, and every folder as "name/" (a recycled build must not keep a folder a full build lacks). */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() || entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/') + (entry.isDirectory() ? '/' : ''))
    .sort();
}

/** Names and bytes of two site folders; the names of files that differ. */
function differences(incremental: string, full: string): { onlyIncremental: string[]; onlyFull: string[]; differing: string[] } {
  const mine = files(incremental);
  const theirs = files(full);
  const theirSet = new Set(theirs);
  const mineSet = new Set(mine);
  return {
    onlyIncremental: mine.filter((file) => !theirSet.has(file)),
    onlyFull: theirs.filter((file) => !mineSet.has(file)),
    differing: mine.filter((file) => !file.endsWith('/') && theirSet.has(file) && !readFileSync(join(incremental, file)).equals(readFileSync(join(full, file)))),
  };
}

const zaakstroom: FixtureIncident = {
  id: '2026-11-27-zaakstroom-documenten-niet-te-openen',
  title: { nl: 'Documenten in Zaakstroom niet te openen', en: 'Documents in Zaakstroom cannot be opened' },
  impact: 'minor',
  components: ['zaakstroom'],
  updates: [
    {
      at: '2026-11-27T09:05:00Z',
      status: 'investigating',
      components: { zaakstroom: 'partial_outage' },
      nl: 'Medewerkers kunnen documenten in Zaakstroom niet openen. We onderzoeken de oorzaak.',
      en: 'Staff cannot open documents in Zaakstroom. We are investigating the cause.',
    },
  ],
};

const identified = {
  at: '2026-11-27T09:12:00Z',
  status: 'identified' as const,
  components: { zaakstroom: 'partial_outage' },
  nl: 'De oorzaak is gevonden: een certificaat van de documentopslag is verlopen. We vervangen het.',
  en: 'The cause is found: a certificate of the document store expired. We are replacing it.',
};

const resolved = {
  at: '2026-11-27T09:20:00Z',
  status: 'resolved' as const,
  components: { zaakstroom: 'operational' },
  nl: 'Het certificaat is vervangen. Documenten openen weer normaal.',
  en: 'The certificate has been replaced. Documents open normally again.',
};

function writeMaintenance(contentDir: string): void {
  writeFileSync(
    join(contentDir, 'maintenance', '2026-12-05-upgrade-loket-formulieren.md'),
    [
      '---',
      'title:',
      '  nl: "Upgrade van Loket Formulieren"',
      '  en: "Upgrade of Loket Formulieren"',
      'description:',
      '  nl: "Formulieren versturen is tijdens het onderhoud niet mogelijk."',
      '  en: "Sending forms is not possible during the maintenance."',
      'components: [loket-formulieren]',
      'scope: all',
      'scheduled_for: 2026-12-05T07:00:00Z',
      'scheduled_until: 2026-12-05T09:00:00Z',
      'updates:',
      '  - at: 2026-11-27T09:25:00Z',
      '    status: scheduled',
      '    body:',
      '      nl: "Op zaterdag 5 december van 08:00 tot 10:00 uur werken we Loket Formulieren bij."',
      '      en: "On Saturday 5 December from 08:00 to 10:00 we will upgrade Loket Formulieren."',
      '---',
      '',
    ].join('\n'),
  );
}

describe('incremental publishing', { timeout: 240_000 }, () => {
  const fixture = createFixture('helder-incremental-');
  const lines: string[] = [];
  let db: Database;
  let publisher: Publisher;
  let now = new Date(START);
  const renderedCounts: number[] = [];

  beforeAll(async () => {
    db = openDatabase(fixture.dbFile);
    publisher = createPublisher({
      projectDir,
      contentDir: fixture.contentDir,
      sitesDir: fixture.sitesDir,
      db,
      clock: () => now,
      log: (line) => lines.push(line),
      scheduleTimeBasedRebuilds: false,
      incremental: true,
    });
    // The first publish is a full build; the warm renderer starts after it and, once ready,
    // renders every route on top of it (priming), which gives it the digests of the live build.
    expect((await publisher.requestPublish('Eerste publicatie')).status).toBe('succeeded');
    const deadline = Date.now() + 120_000;
    while (!lines.some((line) => line.includes('(incremental'))) {
      if (Date.now() > deadline) throw new Error(`the warm renderer did not start:\n${lines.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(publisher.history(10).map((run) => run.reasons).flat()).toContain(PRIME_REASON);
  });

  afterAll(async () => {
    await publisher?.stop();
    db?.close();
    rmSync(fixture.root, { recursive: true, force: true });
    void quiet;
  });

  /** One change: publish it, and prove it went the incremental way from the build before. */
  async function publishChange(minutes: number, reason: string): Promise<string> {
    const before = publisher.status().currentBuildId!;
    now = new Date(START + minutes * 60_000);
    const logged = lines.length;
    const outcome = await publisher.requestPublish(reason);
    expect(outcome.status, lines.slice(logged).join('\n')).toBe('succeeded');
    const incremental = lines.slice(logged).find((line) => line.includes('(incremental'));
    expect(incremental, lines.slice(logged).join('\n')).toBeDefined();
    // Only the routes whose data changed were rendered (the home pages, lists and API always are).
    const [rendered, routes] = /(\d+) of (\d+) routes rendered/.exec(incremental!)!.slice(1).map(Number);
    expect(rendered).toBeLessThan(routes!);
    renderedCounts.push(rendered!);
    const live = join(fixture.sitesDir, 'builds', outcome.run!.buildId);
    // Unchanged files are shared with the build before (hard links), not copied or rendered again.
    const previous = join(fixture.sitesDir, 'builds', before);
    expect(statSync(join(live, 'over', 'index.html')).ino).toBe(statSync(join(previous, 'over', 'index.html')).ino);
    return live;
  }

  async function expectSameAsFullBuild(live: string): Promise<void> {
    const full = await buildSite({ contentDir: fixture.contentDir, now });
    try {
      expect(differences(live, full.outDir)).toEqual({ onlyIncremental: [], onlyFull: [], differing: [] });
    } finally {
      rmSync(full.outDir, { recursive: true, force: true });
    }
  }

  it('gives the same files as a full build after each change of an incident, a maintenance, a scope and a removal', async () => {
    // A new incident: new pages in both languages, the sitemap and the history change.
    writeIncident(fixture.contentDir, zaakstroom);
    const afterNewIncident = await publishChange(6, 'Storing geopend');
    await expectSameAsFullBuild(afterNewIncident);
    expect(readFileSync(join(afterNewIncident, 'incidenten', zaakstroom.id, 'index.html'), 'utf8')).toContain('Documenten in Zaakstroom niet te openen');

    writeIncident(fixture.contentDir, { ...zaakstroom, updates: [...zaakstroom.updates, identified] });
    await publishChange(13, 'Update geplaatst');

    writeIncident(fixture.contentDir, { ...zaakstroom, updates: [...zaakstroom.updates, identified, resolved] });
    await publishChange(21, 'Storing opgelost');

    writeMaintenance(fixture.contentDir);
    await publishChange(26, 'Onderhoud aangekondigd');

    // Scope change: from every municipality to two; their pages and feeds change, the others lose it.
    const file = join(fixture.contentDir, 'incidents', `${zaakstroom.id}.md`);
    writeIncident(fixture.contentDir, { ...zaakstroom, updates: [...zaakstroom.updates, identified, resolved] });
    writeFileSync(file, readFileSync(file, 'utf8').replace('scope: all', 'scope: { municipalities: [GM0344, GM0363] }'));
    await publishChange(31, 'Getroffen gemeenten aangepast');

    // A duplicate merged into the incident, then the incident that goes on renamed: the duplicate's
    // page names it, so it must be rendered again although its own record did not change.
    const duplicate: FixtureIncident = {
      ...zaakstroom,
      id: '2026-11-27-zaakstroom-bijlagen-niet-te-openen',
      title: { nl: 'Bijlagen in Zaakstroom niet te openen', en: 'Attachments in Zaakstroom cannot be opened' },
      updates: [zaakstroom.updates[0]!, { ...resolved, at: '2026-11-27T09:30:00Z' }],
    };
    writeIncident(fixture.contentDir, duplicate);
    const duplicateFile = join(fixture.contentDir, 'incidents', `${duplicate.id}.md`);
    writeFileSync(duplicateFile, readFileSync(duplicateFile, 'utf8').replace('\nimpact:', `\nmerged_into: ${zaakstroom.id}\nimpact:`));
    await publishChange(33, 'Dubbel incident samengevoegd');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Documenten in Zaakstroom niet te openen', 'Documenten en bijlagen in Zaakstroom niet te openen'));
    await publishChange(34, 'Titel gewijzigd');
    expect(readFileSync(join(fixture.sitesDir, 'current', 'incidenten', duplicate.id, 'index.html'), 'utf8')).toContain('Documenten en bijlagen in Zaakstroom niet te openen');

    // A record taken back: its pages and feed entries go, the sitemap shrinks.
    rmSync(join(fixture.contentDir, 'maintenance', '2026-12-05-upgrade-loket-formulieren.md'));
    const last = await publishChange(36, 'Onderhoud ingetrokken');
    const lastLine = lines.filter((line) => line.includes('(incremental')).at(-1);
    expect(lastLine).toMatch(/[1-9]\d* removed/);
    // Once three builds exist, each publish recycles the oldest instead of copying the live one and pruning.
    expect(lastLine).toContain('an old build recycled');
    expect(readdirSync(join(fixture.sitesDir, 'builds'))).toHaveLength(3);
    await expectSameAsFullBuild(last);
    console.log(`routes rendered per step: ${renderedCounts.join(', ')}; ${lines.filter((line) => line.includes('(incremental')).join(' | ')}`);
  });
});
