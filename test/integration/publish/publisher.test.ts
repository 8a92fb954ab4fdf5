import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublisher, type Publisher } from '../../../src/publish/create-publisher.ts';
import { closeServer, createHelderServer } from '../../../src/server/create-helder-server.ts';
import { openDatabase, type Database } from '../../../src/store/database.ts';
import { createPublishRepository } from '../../../src/store/publish-repository.ts';
import { brpStoring, createFixture, projectDir, writeIncident } from './fixture-content.ts';

const NOW = new Date('2026-11-27T09:30:00Z');
const quiet = () => {};

/** Every file of a build, concatenated: which page shows an update is the pages' business, not ours. */
function siteText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(html|json|xml|atom)$/.test(entry.name))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Each test runs one to three real builds; on a busy 2-core machine a build can take 15 s.
describe('publisher against a real build of a fixture content folder', { timeout: 180_000 }, () => {
  const fixture = createFixture();
  let db: Database;
  let publisher: Publisher;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    writeIncident(fixture.contentDir, brpStoring);
    db = openDatabase(fixture.dbFile);
    publisher = createPublisher({ projectDir, contentDir: fixture.contentDir, sitesDir: fixture.sitesDir, db, clock: () => NOW, log: quiet, scheduleTimeBasedRebuilds: false, watchContent: true, retryDelaysMs: [90_000] });
    server = createHelderServer({ siteDir: join(fixture.sitesDir, 'current'), log: quiet });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await publisher?.stop();
    if (server) await closeServer(server, 100);
    db?.close();
    rmSync(fixture.root, { recursive: true, force: true });
  });

  it('publishes the first site and points current at it', async () => {
    expect((await fetch(`${origin}/`)).status).toBe(503);

    const outcome = await publisher.requestPublish('Storing 2026-11-27-registra-brp-inloggen-mislukt geopend');

    expect(outcome.status).toBe('succeeded');
    expect(outcome.run?.reasons).toEqual(['Storing 2026-11-27-registra-brp-inloggen-mislukt geopend']);
    expect(readlinkSync(join(fixture.sitesDir, 'current'))).toBe(join('builds', outcome.run!.buildId));
    expect(siteText(join(fixture.sitesDir, 'current'))).toContain('Inloggen in Registra BRP mislukt');
    const status = publisher.status();
    expect(status).toMatchObject({ running: null, pending: 0, lastError: null, currentBuildId: outcome.run!.buildId });
    expect(status.lastSuccess?.contentTime).toEqual(NOW);
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Inloggen in Registra BRP mislukt');
  });

  it('coalesces five requests made during a build into exactly one more build, and serves a site throughout', async () => {
    const before = publisher.history(100).length;
    const statuses: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        statuses.push((await fetch(`${origin}/`)).status);
      }
    })();

    const first = publisher.requestPublish('Update 1 bij storing Registra BRP');
    await waitFor(() => publisher.status().running !== null, 'the first build to start');
    writeIncident(fixture.contentDir, {
      ...brpStoring,
      updates: [
        ...brpStoring.updates,
        {
          at: '2026-11-27T09:20:00Z',
          status: 'identified',
          nl: 'De oorzaak is gevonden: een verlopen certificaat op de koppeling met de landelijke voorziening.',
          en: 'We found the cause: an expired certificate on the link with the national facility.',
        },
      ],
    });
    const during = [2, 3, 4, 5, 6].map((n) => publisher.requestPublish(`Update ${n} bij storing Registra BRP`));
    expect(publisher.status().pending).toBe(5);

    const [firstOutcome, ...duringOutcomes] = await Promise.all([first, ...during]);
    polling = false;
    await poller;

    expect(firstOutcome!.status).toBe('succeeded');
    expect(duringOutcomes.map((outcome) => outcome.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded']);
    const secondRunIds = new Set(duringOutcomes.map((outcome) => outcome.run?.id));
    expect(secondRunIds.size).toBe(1);
    expect([...secondRunIds][0]).not.toBe(firstOutcome!.run!.id);
    expect(publisher.history(100).length - before).toBe(2);
    expect(duringOutcomes[0]!.run!.reasons).toEqual([2, 3, 4, 5, 6].map((n) => `Update ${n} bij storing Registra BRP`));
    // The edit made during build 1 is live after build 2: nothing is lost.
    expect(siteText(join(fixture.sitesDir, 'current'))).toContain('een verlopen certificaat op de koppeling');
    expect(statuses.length).toBeGreaterThan(10);
    expect(new Set(statuses)).toEqual(new Set([200]));
  });

  it('records a failed build with a readable error, keeps the last good site and keeps serving it', async () => {
    const goodBuild = publisher.status().currentBuildId;
    const goodPage = await (await fetch(`${origin}/`)).text();
    const broken = join(fixture.contentDir, 'incidents', '2026-11-27-taxo-belastingen-traag.md');
    writeFileSync(
      broken,
      ['---', 'title:', '  nl: Taxo Belastingen traag', '  en: Taxo Belastingen slow', 'impact: catastrofaal', 'components: [taxo-belastingen]', 'scope: all', 'updates: []', '---', ''].join('\n'),
    );

    const outcome = await publisher.requestPublish('Storing Taxo Belastingen geopend');

    expect(outcome.status).toBe('failed');
    const error = outcome.run!.error!;
    expect(error).toMatch(/^The build failed \(exit code 1\)\./);
    expect(error).toContain('content/incidents/2026-11-27-taxo-belastingen-traag.md → impact');
    expect(error).toContain('"catastrofaal"');
    expect(error).not.toMatch(/^\s+at /m);
    expect(error).not.toMatch(/\u001b\[/);
    expect(error.length).toBeLessThanOrEqual(4_000);
    expect(error).not.toContain('node_modules');
    expect(publisher.status()).toMatchObject({ currentBuildId: goodBuild, lastError: { id: outcome.run!.id } });
    expect(readdirSync(join(fixture.sitesDir, 'builds'))).not.toContain(outcome.run!.buildId);
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(goodPage);
    // The failure is tried again later on its own…
    const retryAt = publisher.status().nextRetry;
    expect(retryAt!.getTime() - Date.now()).toBeGreaterThan(60_000);

    // …and at once when the folder changes: the editor fixes the file, nobody presses a button.
    rmSync(broken);
    // Done once it went live and the run finished (old builds pruned, the waiting retry dropped).
    for (const deadline = Date.now() + 150_000; (publisher.status().lastSuccess?.id ?? 0) < outcome.run!.id || publisher.status().nextRetry !== null; ) {
      if (Date.now() > deadline) throw new Error('the repaired content was not published');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(publisher.history(1)[0]!.reasons).toEqual(['Inhoud gewijzigd in de inhoudsmap']);
    expect(publisher.status()).toMatchObject({ lastError: null, nextRetry: null });
  });

  it('keeps only the newest builds on disk', () => {
    const builds = readdirSync(join(fixture.sitesDir, 'builds'));
    expect(builds.length).toBeLessThanOrEqual(3);
    expect(builds).toContain(publisher.status().currentBuildId);
  });
});

describe('publisher recovery and cross-process exclusion', { timeout: 180_000 }, () => {
  const fixture = createFixture();
  let db: Database;
  const children: ChildProcess[] = [];

  beforeAll(() => {
    writeIncident(fixture.contentDir, brpStoring);
    db = openDatabase(fixture.dbFile);
  });

  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    db?.close();
    rmSync(fixture.root, { recursive: true, force: true });
  });

  const sleeper = () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' });
    children.push(child);
    return child;
  };

  it('waits while another live process builds, and takes over when that process dies', async () => {
    const repo = createPublishRepository(db);
    const other = sleeper();
    repo.addRequest('Verzoek van het andere serverproces', NOW);
    const foreign = repo.startRun({ buildId: '20261127T093000Z-0a0a', startedAt: new Date(), contentTime: NOW, holder: { host: hostname(), pid: other.pid! }, isDead: () => false });
    expect(foreign.started).toBe(true);

    const publisher = createPublisher({ projectDir, contentDir: fixture.contentDir, sitesDir: fixture.sitesDir, db, clock: () => new Date(), log: quiet, pollIntervalMs: 100, scheduleTimeBasedRebuilds: false });
    const outcome = publisher.requestPublish('Update bij storing Registra BRP');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(publisher.status().running?.pid).toBe(other.pid);
    expect(existsSync(join(fixture.sitesDir, 'current'))).toBe(false);

    other.kill('SIGKILL');
    const result = await outcome;

    expect(result.status).toBe('succeeded');
    // The dead holder's request was not lost: the take-over build carried it too.
    expect(result.run!.reasons).toEqual(['Verzoek van het andere serverproces', 'Update bij storing Registra BRP']);
    expect(publisher.history(10).map((run) => run.status)).toEqual(['succeeded', 'interrupted']);
    await publisher.stop();
  });

  it('builds at start what a crashed process left queued, and cleans up its half-written build', async () => {
    const repo = createPublishRepository(db);
    const crashed = sleeper();
    repo.addRequest('Goedgekeurd bericht vlak voor de crash', NOW);
    const run = repo.startRun({ buildId: '20261127T094500Z-0b0b', startedAt: new Date(), contentTime: NOW, holder: { host: hostname(), pid: crashed.pid! }, isDead: () => false });
    expect(run.started).toBe(true);
    const halfWritten = join(fixture.sitesDir, 'builds', '20261127T094500Z-0b0b');
    mkdirSync(halfWritten, { recursive: true });
    writeFileSync(join(halfWritten, 'index.html'), '<p>half</p>');
    crashed.kill('SIGKILL');
    await new Promise((resolve) => crashed.once('exit', resolve));

    const publisher = createPublisher({ projectDir, contentDir: fixture.contentDir, sitesDir: fixture.sitesDir, db, clock: () => new Date(), log: quiet, scheduleTimeBasedRebuilds: false });
    publisher.start();
    expect(existsSync(halfWritten)).toBe(false);
    await waitFor(() => publisher.status().lastRun?.status === 'succeeded' && publisher.status().running === null, 'the recovery build');

    expect(publisher.status().lastRun!.reasons).toEqual(['Goedgekeurd bericht vlak voor de crash']);
    expect(publisher.status().pending).toBe(0);
    await publisher.stop();
  });

  it('leaves a request queued when the server stops mid-build, for the next start', async () => {
    const publisher = createPublisher({ projectDir, contentDir: fixture.contentDir, sitesDir: fixture.sitesDir, db, clock: () => new Date(), log: quiet, scheduleTimeBasedRebuilds: false });
    const currentBefore = publisher.status().currentBuildId;
    const outcome = publisher.requestPublish('Bericht goedgekeurd tijdens het afsluiten');
    await waitFor(() => publisher.status().running !== null, 'the build to start');
    await publisher.stop();

    expect(await outcome).toMatchObject({ status: 'pending', run: null });
    expect(publisher.status()).toMatchObject({ running: null, pending: 1, currentBuildId: currentBefore });
    expect(publisher.history(1)[0]!.status).toBe('interrupted');
  });

  it('rebuilds on its own when a maintenance window opens, with the site derived at that moment', async () => {
    const opensAt = new Date('2026-11-28T06:00:00Z');
    writeFileSync(
      join(fixture.contentDir, 'maintenance', '2026-11-28-upgrade-taxo-naar-versie-2026-5.md'),
      [
        '---',
        'title:',
        '  nl: Upgrade van Taxo naar versie 2026.5',
        '  en: Upgrade of Taxo to version 2026.5',
        'description:',
        '  nl: Taxo Belastingen is tijdens de upgrade niet beschikbaar.',
        '  en: Taxo Belastingen is unavailable during the upgrade.',
        'components: [taxo-belastingen]',
        'scope: all',
        `scheduled_for: ${opensAt.toISOString()}`,
        'scheduled_until: 2026-11-28T08:00:00Z',
        '---',
        '',
      ].join('\n'),
    );
    // A clock that runs at real speed, starting two seconds before the window opens.
    const realStart = Date.now();
    const clock = () => new Date(opensAt.getTime() - 2_000 + (Date.now() - realStart));
    const publisher = createPublisher({ projectDir, contentDir: fixture.contentDir, sitesDir: fixture.sitesDir, db, clock, log: quiet });
    publisher.start(); // also builds what the previous test left queued

    await waitFor(() => publisher.history(5).some((run) => run.reasons.includes('Automatisch: onderhoud 2026-11-28-upgrade-taxo-naar-versie-2026-5 begint') && run.status === 'succeeded'), 'the scheduled rebuild', 150_000);

    const scheduled = publisher.history(5).find((run) => run.reasons.includes('Automatisch: onderhoud 2026-11-28-upgrade-taxo-naar-versie-2026-5 begint'))!;
    expect(scheduled.contentTime.getTime()).toBeGreaterThanOrEqual(opensAt.getTime());
    // Next: the window's end.
    await waitFor(() => publisher.status().nextScheduled?.at.getTime() === new Date('2026-11-28T08:00:00Z').getTime(), 'the window end to be scheduled');
    await publisher.stop();
  });

  it('catches up at start on a time-based change it missed while the server was down', async () => {
    // The last build derived the site at about 06:00 (the window had just opened); the server comes back at 09:00.
    const publisher = createPublisher({ projectDir, contentDir: fixture.contentDir, sitesDir: fixture.sitesDir, db, clock: () => new Date('2026-11-28T09:00:00Z'), log: quiet });
    publisher.start();

    const reason = 'Automatisch: onderhoudsvenster 2026-11-28-upgrade-taxo-naar-versie-2026-5 eindigt';
    await waitFor(() => publisher.history(1)[0]?.reasons.includes(reason) === true && publisher.status().running === null, 'the catch-up build', 150_000);

    expect(publisher.history(1)[0]).toMatchObject({ status: 'succeeded', contentTime: new Date('2026-11-28T09:00:00Z') });
    await publisher.stop();
  });
});
