import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublishTargetRepository } from '../../../src/store/publish-target-repository.ts';
import { postForm, signInOverHttp, startAdmin, type AdminHarness } from '../admin/admin-harness.ts';
import { S3RVER_CREDENTIALS, startLocalS3, type LocalS3 } from '../../support/s3-server.ts';

const BUCKET = 'status-voorbeeldsoftware-nl';

let s3: LocalS3;
let harness: AdminHarness;

beforeAll(async () => {
  s3 = await startLocalS3([BUCKET]);
  harness = await startAdmin({
    env: {
      HELDER_S3_BUCKET: BUCKET,
      HELDER_S3_PREFIX: 'status',
      HELDER_S3_ENDPOINT: s3.endpoint,
      HELDER_S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      HELDER_S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      // A second static host that cannot be reached: its failure shows, and the bucket is copied regardless.
      HELDER_PUBLISH_COMMAND: 'echo "rsync: failed to connect to static2.voorbeeldsoftware.nl (10.0.4.12): Connection refused (111)" >&2; exit 10',
    },
  });
}, 300_000);

afterAll(async () => {
  await harness?.close();
  await s3?.close();
});

describe('publish targets on the production wiring', () => {
  it('copies every good build to the bucket and shows each target on the dashboard, failures included', async () => {
    const outcome = await harness.app.publisher.requestPublish('Incident Registra BRP gepubliceerd');
    expect(outcome.status).toBe('succeeded');
    const repo = createPublishTargetRepository(harness.db);
    const deadline = Date.now() + 60_000;
    while (repo.latest('s3')?.status !== 'succeeded' || repo.latest('command')?.status !== 'failed') {
      if (Date.now() > deadline) throw new Error(`targets did not settle: ${JSON.stringify([repo.latest('s3'), repo.latest('command')])}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // The bucket holds exactly the live build, under the prefix.
    const live = harness.app.publisher.status().currentBuildId!;
    const buildDir = join(harness.dataDir, 'site', 'builds', live);
    const files = readdirSync(buildDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `status/${relative(buildDir, join(entry.parentPath, entry.name)).split(sep).join('/')}`)
      .sort();
    expect(await s3.keys(BUCKET)).toEqual(files);
    expect(repo.latest('s3')).toMatchObject({ buildId: live, uploaded: files.length, deleted: 0 });
    // The site's stylesheet carries a hash of its content in its name: cached for a year.
    const asset = files.find((key) => /^status\/assets\/helder-[0-9a-f]{10}\.css$/.test(key))!;
    expect(await s3.head(BUCKET, asset)).toMatchObject({ contentType: 'text/css; charset=utf-8', cacheControl: 'public, max-age=31536000, immutable' });
    expect(await s3.head(BUCKET, 'status/index.html')).toMatchObject({ contentType: 'text/html; charset=utf-8', cacheControl: 'public, max-age=60' });
    expect(await s3.head(BUCKET, 'status/api/v2/summary.json')).toMatchObject({ contentType: 'application/json; charset=utf-8', cacheControl: 'public, max-age=60' });

    const cookie = await signInOverHttp(harness, 'admin');
    const html = await (await fetch(`${harness.origin}/admin`, { headers: { cookie } })).text();
    expect(html).toContain('Kopieën van de statuspagina');
    const s3Item = itemText(html, 's3');
    expect(s3Item).toContain('Opslag in de cloud (S3)');
    expect(s3Item).toContain(`s3://${BUCKET}/status/`);
    expect(s3Item).toContain('Bijgewerkt op');
    expect(s3Item).toContain(`${files.length} bestanden geplaatst, 0 ongewijzigd, 0 verwijderd.`);
    const commandItem = itemText(html, 'command');
    expect(commandItem).toContain('Opdracht na publicatie');
    expect(commandItem).toContain('Kopiëren is mislukt (poging 1). De opdracht is mislukt. Afsluitcode 10.');
    expect(commandItem).toContain('Technische melding:');
    expect(commandItem).toMatch(/Volgende poging: \d+ \p{L}+ \d{4} om \d\d:\d\d\./u);
    expect(commandItem).toContain('Deze kopie loopt achter');
    expect(commandItem).toContain('Connection refused (111)');
    // The command may hold secrets (a token in a URL): the dashboard never shows it.
    expect(html).not.toContain('echo "rsync');
  }, 120_000);

  it('lets an admin copy a failed target again at once with "Opnieuw kopiëren", audited; nobody else', async () => {
    const repo = createPublishTargetRepository(harness.db);
    const cookie = await signInOverHttp(harness, 'admin');
    const html = await (await fetch(`${harness.origin}/admin`, { headers: { cookie } })).text();
    // One button per failed copy: the command's, not the bucket's (it succeeded).
    expect(itemText(html, 'command')).toContain('Opnieuw kopiëren');
    expect(itemText(html, 's3')).not.toContain('Opnieuw kopiëren');
    expect(html).toContain('name="doel" value="command"');

    const retried = await postForm(harness, cookie, '/admin', { actie: 'opnieuw-kopieren', doel: 'command' });
    expect(retried.status).toBe(303);
    expect(retried.headers.get('location')).toBe('/admin?gedaan=copy_retry_requested');
    // Attempt 2 ran now, not after the 30 s wait, and failed again (the host is still down).
    const deadline = Date.now() + 20_000;
    while (!(repo.latest('command')?.attempt === 2 && repo.latest('command')?.status === 'failed')) {
      if (Date.now() > deadline) throw new Error(`no second attempt: ${JSON.stringify(repo.latest('command'))}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const audited = harness.db.prepare("SELECT actor_name, details FROM audit_log WHERE action = 'publish_target_retry_requested'").all() as Array<{ actor_name: string; details: string }>;
    expect(audited).toHaveLength(1);
    expect(JSON.parse(audited[0]!.details)).toEqual({ target: 'command' });
    const done = await (await fetch(`${harness.origin}/admin?gedaan=copy_retry_requested`, { headers: { cookie } })).text();
    expect(done).toContain('De kopie van de statuspagina wordt opnieuw gemaakt.');

    // The bucket's copy did not fail: nothing to do, and said so.
    const notFailed = await postForm(harness, cookie, '/admin', { actie: 'opnieuw-kopieren', doel: 's3' });
    expect(notFailed.headers.get('location')).toBe('/admin?gedaan=copy_not_failed');
    expect((await postForm(harness, cookie, '/admin', { actie: 'opnieuw-kopieren', doel: 'ftp' })).status).toBe(400);

    // A composer sees no button and may not press it.
    const composer = await signInOverHttp(harness, 'composer');
    expect((await postForm(harness, composer, '/admin', { actie: 'opnieuw-kopieren', doel: 'command' })).status).toBe(403);
    expect(harness.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'publish_target_retry_requested'").get()).toEqual({ n: 1 });
  }, 60_000);
});

/** The words of one target's entry on the dashboard, tags removed and spaces collapsed. */
function itemText(html: string, kind: string): string {
  const start = html.indexOf(`data-publish-target="${kind}"`);
  expect(start, `the dashboard shows the ${kind} target`).toBeGreaterThan(-1);
  return html
    .slice(start, html.indexOf('</li>', start))
    .replace(/^[^>]*>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ ([.,:])/g, '$1');
}
