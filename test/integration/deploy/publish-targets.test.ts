import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCommandTarget } from '../../../src/deploy/command-target.ts';
import type { LiveBuild } from '../../../src/deploy/publish-target.ts';
import { createS3Target } from '../../../src/deploy/s3-target.ts';
import { createTargetPublisher, type TargetPublisher } from '../../../src/deploy/target-publisher.ts';
import { createPublishTargetRepository, type PublishTargetRun } from '../../../src/store/publish-target-repository.ts';
import { S3RVER_CREDENTIALS, startLocalS3, type LocalS3 } from '../../support/s3-server.ts';
import { createTestStore, type TestStore } from '../store/temp-database.ts';

const BUCKET = 'status-voorbeeldsoftware-nl';
const PREFIX = 'status/';
const OLD_INCIDENT = 'incidenten/2026-11-20-zaakstroom-traag/index.html';

let s3: LocalS3;
let store: TestStore;
let work: string;
let publisher: TargetPublisher | null = null;

/** A small static site as the public build writes it: pages, the API, feeds, and hashed assets they link to. */
function writeBuild(name: string, changes: { drop?: string[]; homeSays?: string } = {}): LiveBuild {
  const dir = join(work, 'builds', name);
  const files: Record<string, string> = {
    'index.html': `<!doctype html><html lang="nl"><link rel="stylesheet" href="/_astro/index.DkS9x2aF.css"><h1>Storingen en onderhoud</h1><p>${changes.homeSays ?? 'Alle systemen werken.'}</p></html>`,
    'en/index.html': '<!doctype html><html lang="en"><link rel="stylesheet" href="/_astro/index.DkS9x2aF.css"><h1>Outages and maintenance</h1></html>',
    [OLD_INCIDENT]: '<!doctype html><html lang="nl"><h1>Zaakstroom traag in Utrecht (GM0344)</h1></html>',
    'incidenten/2026-11-27-registra-brp-storing/index.html': '<!doctype html><html lang="nl"><h1>Registra BRP niet bereikbaar</h1></html>',
    'api/v2/summary.json': '{"status":"operational","components":[{"id":"registra-brp","status":"operational"}]}',
    'feeds/incidents.xml': '<?xml version="1.0"?><rss version="2.0"><channel><title>Storingen</title></channel></rss>',
    'feeds/incidents.atom': '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Storingen</title></feed>',
    '_astro/index.DkS9x2aF.css': 'body{font-family:"Noto Sans",sans-serif}',
    '_astro/noto-sans-latin-400-normal.Cq3xT0bD.woff2': 'wOF2-fake-font-bytes',
    'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  };
  for (const drop of changes.drop ?? []) delete files[drop];
  for (const [key, body] of Object.entries(files)) {
    mkdirSync(join(dir, key, '..'), { recursive: true });
    writeFileSync(join(dir, key), body);
  }
  return { buildId: name, dir };
}

function keysOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

function s3Target() {
  return createS3Target({ bucket: BUCKET, prefix: PREFIX, region: 'us-east-1', endpoint: s3.endpoint, credentials: S3RVER_CREDENTIALS });
}

function latest(target: 's3' | 'command'): PublishTargetRun {
  return createPublishTargetRepository(store.db).latest(target)!;
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  s3 = await startLocalS3([BUCKET]);
});

afterAll(async () => {
  await s3?.close();
});

beforeEach(() => {
  store = createTestStore();
  work = mkdtempSync(join(tmpdir(), 'helder-targets-'));
});

afterEach(async () => {
  await publisher?.stop();
  publisher = null;
  store.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the S3 target', () => {
  it('uploads assets before pages with the right types and caching, and removes what a build no longer has', async () => {
    // Left over from a site published before: not in the build, so it must go (after the new pages are up).
    await s3.put(BUCKET, `${PREFIX}incidenten/2025-03-04-taxo-storing/index.html`, '<p>oud</p>');
    await s3.put(BUCKET, 'ander-project/index.html', '<p>niet van ons</p>');
    s3.requests.length = 0;
    publisher = createTargetPublisher({ db: store.db, targets: [s3Target()], clock: () => new Date(), log: () => {} });
    const first = writeBuild('20261127T085000Z-a1b2');

    publisher.publish(first);
    await publisher.idle();

    expect(latest('s3')).toMatchObject({ status: 'succeeded', buildId: first.buildId, attempt: 1, uploaded: 10, unchanged: 0, deleted: 1 });
    expect(await s3.keys(BUCKET)).toEqual(['ander-project/index.html', ...keysOf(first.dir).map((key) => PREFIX + key)].sort());
    const puts = s3.requests.filter((request) => request.startsWith('PUT ')).map((request) => request.slice(`PUT /${BUCKET}/${PREFIX}`.length).replace(/\?.*$/, ''));
    const lastAsset = Math.max(...['_astro/index.DkS9x2aF.css', '_astro/noto-sans-latin-400-normal.Cq3xT0bD.woff2', 'favicon.svg'].map((key) => puts.indexOf(key)));
    const firstPage = Math.min(...['index.html', 'en/index.html', 'api/v2/summary.json', 'feeds/incidents.xml', 'feeds/incidents.atom'].map((key) => puts.indexOf(key)));
    expect(puts).toHaveLength(10);
    expect(lastAsset).toBeLessThan(firstPage);
    // The removal comes after every upload: a reader of an old page never misses what it links to.
    const removal = s3.requests.findIndex((request) => request.startsWith(`POST /${BUCKET}/?delete`));
    expect(removal).toBeGreaterThan(s3.requests.findLastIndex((request) => request.startsWith('PUT ')));

    expect(await s3.head(BUCKET, `${PREFIX}_astro/index.DkS9x2aF.css`)).toMatchObject({ contentType: 'text/css; charset=utf-8', cacheControl: 'public, max-age=31536000, immutable' });
    expect(await s3.head(BUCKET, `${PREFIX}_astro/noto-sans-latin-400-normal.Cq3xT0bD.woff2`)).toMatchObject({ contentType: 'font/woff2', cacheControl: 'public, max-age=31536000, immutable' });
    expect(await s3.head(BUCKET, `${PREFIX}index.html`)).toMatchObject({ contentType: 'text/html; charset=utf-8', cacheControl: 'public, max-age=60' });
    expect(await s3.head(BUCKET, `${PREFIX}api/v2/summary.json`)).toMatchObject({ contentType: 'application/json; charset=utf-8', cacheControl: 'public, max-age=60' });
    expect(await s3.head(BUCKET, `${PREFIX}feeds/incidents.xml`)).toMatchObject({ contentType: 'application/xml; charset=utf-8', cacheControl: 'public, max-age=60' });
    expect(await s3.head(BUCKET, `${PREFIX}feeds/incidents.atom`)).toMatchObject({ contentType: 'application/atom+xml; charset=utf-8' });
    expect(await s3.head(BUCKET, `${PREFIX}favicon.svg`)).toMatchObject({ contentType: 'image/svg+xml', cacheControl: 'public, max-age=3600' });

    // The next build changes the home page and drops an incident page: only those two objects change.
    const second = writeBuild('20261127T091500Z-c3d4', { drop: [OLD_INCIDENT], homeSays: 'Registra BRP is niet bereikbaar.' });
    s3.requests.length = 0;
    publisher.publish(second);
    await publisher.idle();

    expect(latest('s3')).toMatchObject({ status: 'succeeded', buildId: second.buildId, uploaded: 1, unchanged: 8, deleted: 1 });
    expect(s3.requests.filter((request) => request.startsWith('PUT ')).map((request) => request.replace(/\?.*$/, ''))).toEqual([`PUT /${BUCKET}/${PREFIX}index.html`]);
    expect(await s3.keys(BUCKET)).not.toContain(PREFIX + OLD_INCIDENT);
    expect(await s3.text(BUCKET, `${PREFIX}index.html`)).toContain('Registra BRP is niet bereikbaar.');
  });

  it('tells a store that refuses (no such bucket) from one that cannot be reached', async () => {
    const target = createS3Target({ bucket: 'bestaat-niet-voorbeeldsoftware', prefix: '', region: 'us-east-1', endpoint: s3.endpoint, credentials: S3RVER_CREDENTIALS });
    await expect(target.copy(writeBuild('20261127T094500Z-9a9b'), new AbortController().signal)).rejects.toMatchObject({ reason: 'store_refused', message: expect.stringContaining('NoSuchBucket') });
  });

  it('retries a failed copy until the store is back, also after a restart of the server', async () => {
    const build = writeBuild('20261127T100000Z-e5f6');
    await s3.stop();
    try {
      publisher = createTargetPublisher({ db: store.db, targets: [s3Target()], clock: () => new Date(), log: () => {}, retryDelaysMs: [150, 300] });
      publisher.publish(build);
      await publisher.idle();
      const failed = latest('s3');
      expect(failed).toMatchObject({ status: 'failed', attempt: 1, buildId: build.buildId, failure: 'store_unreachable' });
      expect(failed.error).toContain(`s3://${BUCKET}/${PREFIX}`);
      expect(failed.nextAttemptAt!.getTime() - failed.finishedAt!.getTime()).toBe(150);
      await until(() => latest('s3').attempt >= 2, 'the second attempt');

      // The server stops while a retry waits; the next start copies the live build again.
      await publisher.stop();
      await s3.start();
      publisher = createTargetPublisher({ db: store.db, targets: [s3Target()], clock: () => new Date(), log: () => {}, retryDelaysMs: [150] });
      publisher.resume(build);
      await publisher.idle();
      expect(latest('s3')).toMatchObject({ status: 'succeeded', buildId: build.buildId, attempt: 1 });
      expect(await s3.keys(BUCKET)).toContain(`${PREFIX}api/v2/summary.json`);

      // Nothing to do when the target already holds the live build.
      const before = latest('s3').id;
      publisher.resume(build);
      await publisher.idle();
      expect(latest('s3').id).toBe(before);
    } finally {
      await s3.start();
    }
  });
});

describe('the command hook', () => {
  it('runs the command with the build folder, and reports its exit code and last output when it fails', async () => {
    const copy = join(work, 'tweede-host');
    const build = writeBuild('20261127T103000Z-0a0b');
    publisher = createTargetPublisher({
      db: store.db,
      targets: [createCommandTarget({ command: `mkdir -p '${copy}' && cp -R "$HELDER_SITE_DIR/." '${copy}' && printf %s "$HELDER_BUILD_ID" > '${copy}.id'`, timeoutMs: 10_000 })],
      clock: () => new Date(),
      log: () => {},
    });
    publisher.publish(build);
    await publisher.idle();
    expect(latest('command')).toMatchObject({ status: 'succeeded', buildId: build.buildId });
    expect(keysOf(copy)).toEqual(keysOf(build.dir));
    expect(readFileSync(`${copy}.id`, 'utf8')).toBe(build.buildId);
    await publisher.stop();

    publisher = createTargetPublisher({
      db: store.db,
      targets: [createCommandTarget({ command: 'echo "rsync: connection unexpectedly closed (0 bytes received so far) [sender]" >&2; exit 12', timeoutMs: 10_000 })],
      clock: () => new Date(),
      log: () => {},
      retryDelaysMs: [60_000],
    });
    publisher.publish(writeBuild('20261127T104500Z-1c2d'));
    await publisher.idle();
    const failed = latest('command');
    expect(failed).toMatchObject({ status: 'failed', attempt: 1, failure: 'command_failed', exitCode: 12 });
    expect(failed.error).toContain('rsync: connection unexpectedly closed');
    expect(failed.nextAttemptAt).not.toBeNull();
  });

  it('stops a command that runs too long together with everything it started', async () => {
    const pidFile = join(work, 'kind.pid');
    // Time for the group's leader (a Node process) to start the shell on a busy machine.
    const timeoutMs = 2_500;
    const target = createCommandTarget({ command: `sleep 60 & echo $! > '${pidFile}'; wait`, timeoutMs });
    const started = Date.now();
    await expect(target.copy(writeBuild('20261127T110000Z-3e4f'), new AbortController().signal)).rejects.toMatchObject({ reason: 'command_timeout' });
    // Well before the 5 s SIGKILL fallback: SIGTERM to the group ended it.
    expect(Date.now() - started).toBeLessThan(timeoutMs + 4_500);
    const child = Number(readFileSync(pidFile, 'utf8'));
    await until(() => !isAlive(child), 'the grandchild to be gone', 10_000);
    expect(existsSync(pidFile)).toBe(true);
  });

  it('leaves nothing of the command running when the admin that started it is killed with SIGKILL', async () => {
    const build = writeBuild('20261203T091500Z-5a6b');
    const [shellPidFile, sleepPidFile] = [join(work, 'shell.pid'), join(work, 'sleep.pid')];
    // An rsync that takes long: the shell and a child of its own.
    const command = `echo $$ > '${shellPidFile}'; sleep 300 & echo $! > '${sleepPidFile}'; wait`;
    const admin = spawn(process.execPath, [join(import.meta.dirname, '../../fixtures/processes/command-hook-admin.ts'), command, build.dir], { stdio: 'ignore' });
    const read = (file: string) => (existsSync(file) ? Number(readFileSync(file, 'utf8')) || 0 : 0);
    await until(() => read(shellPidFile) > 0 && read(sleepPidFile) > 0, 'the command to run', 15_000);
    const pids = [read(shellPidFile), read(sleepPidFile)];
    expect(pids.every(isAlive)).toBe(true);
    admin.kill('SIGKILL');
    await until(() => !pids.some(isAlive), 'the shell and its child to be gone', 5_000).catch(() => {
      for (const pid of pids.filter(isAlive)) process.kill(pid, 'SIGKILL');
      throw new Error(`still running after the admin was killed: ${pids.join(', ')}`);
    });
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

