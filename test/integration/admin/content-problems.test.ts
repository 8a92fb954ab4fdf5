import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryAudit } from '../../../src/store/audit-log.ts';
import { signInOverHttp, startAdmin, type AdminHarness } from './admin-harness.ts';

let harness: AdminHarness;
let cookie = '';
let composerCookie = '';

/** An incident file as an editor might leave it after a hurried edit: the impact list never closed (line 5). */
const BROKEN_FILE = 'content/incidents/2026-12-02-zaakstroom-traag.md';
const BROKEN = `---
title:
  nl: Zaakstroom reageert traag
  en: Zaakstroom responds slowly
impact: [unclosed
components: [zaakstroom]
scope: all
updates:
  - at: 2026-12-02T07:40:00Z
    status: investigating
    text:
      nl: We onderzoeken waarom Zaakstroom traag reageert.
      en: We are investigating why Zaakstroom responds slowly.
---
`;

beforeAll(async () => {
  harness = await startAdmin({ dispatcher: false });
  cookie = await signInOverHttp(harness, 'admin');
  composerCookie = await signInOverHttp(harness, 'composer');
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

const get = (path: string, as = cookie) => fetch(`${harness.origin}${path}`, { headers: { cookie: as }, redirect: 'manual' });

describe('a broken content file in the admin', () => {
  it('names the file and line on the dashboard and on the screens that need the content, and leaves the others working', async () => {
    writeFileSync(join(harness.root, BROKEN_FILE), BROKEN);
    try {
      const dashboard = await get('/admin');
      expect(dashboard.status).toBe(200);
      const dashboardHtml = await dashboard.text();
      expect(dashboardHtml).toContain('Fout in de inhoud van de statuspagina');
      expect(dashboardHtml).toContain('2026-12-02-zaakstroom-traag.md');
      expect(dashboardHtml).toMatch(/<dt>Regel<\/dt><dd>[5-6]<\/dd>/);
      // The database side of the dashboard is still there.
      expect(dashboardHtml).toContain('Berichten die op goedkeuring wachten');

      for (const path of ['/admin/incidenten', '/admin/berichten/nieuw', '/admin/onderhoud']) {
        const response = await get(path, composerCookie);
        expect(response.status, path).toBe(503);
        const html = await response.text();
        expect(html, path).toContain('2026-12-02-zaakstroom-traag.md');
        expect(html, path).toContain('Dit bestand kan niet worden gelezen.');
      }
      for (const path of ['/admin/gebruikers', '/admin/contacten', '/admin/audit', '/admin/stijl.css']) {
        expect((await get(path)).status, path).toBe(200);
      }
      expect((await get('/admin/berichten', composerCookie)).status).toBe(200);
      expect((await get('/admin/aanmelden', '')).status).toBe(200);
      // In English too, without Dutch.
      const english = await fetch(`${harness.origin}/admin/incidenten`, { headers: { cookie: `${cookie}; helder_taal=en` } });
      expect(await english.text()).toContain('Error in the status page content');
    } finally {
      rmSync(join(harness.root, BROKEN_FILE), { force: true });
    }
    expect((await get('/admin/incidenten')).status).toBe(200);
    expect(await (await get('/admin')).text()).not.toContain('Fout in de inhoud van de statuspagina');
  });
});

describe('Opnieuw publiceren', () => {
  const republish = (as: string) =>
    fetch(`${harness.origin}/admin`, { method: 'POST', body: new URLSearchParams({ actie: 'opnieuw-publiceren' }), redirect: 'manual', headers: { cookie: as, origin: harness.origin } });

  it('lets an admin ask for a new build, recorded in the audit log and the publish queue; others may not', async () => {
    expect(await (await get('/admin')).text()).toContain('Opnieuw publiceren');
    expect(await (await get('/admin', composerCookie)).text()).not.toContain('Opnieuw publiceren');
    expect((await republish(composerCookie)).status).toBe(403);

    const response = await republish(cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin?gedaan=republish_requested');
    expect(await (await get('/admin?gedaan=republish_requested')).text()).toContain('De statuspagina wordt opnieuw gepubliceerd.');
    expect(queryAudit(harness.db, { action: 'site_republish_requested' }).entries.map((entry) => entry.actor)).toEqual([expect.objectContaining({ name: 'Cor Bakker' })]);
    const reasons = harness.db.prepare('SELECT reason FROM publish_requests ORDER BY id').all() as Array<{ reason: string }>;
    expect(reasons.map((row) => row.reason)).toContain('Opnieuw publiceren gevraagd door Cor Bakker');
  });
});
