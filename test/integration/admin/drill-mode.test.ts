import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOverHttp, startAdmin, type AdminHarness } from './admin-harness.ts';

let harness: AdminHarness;

beforeAll(async () => {
  harness = await startAdmin({ env: { HELDER_MODE: 'drill' } });
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

describe('an instance in drill mode (HELDER_MODE=drill)', () => {
  it('says OEFENOMGEVING on every screen, the sign-in page included', async () => {
    const cookie = await signInOverHttp(harness, 'composer');
    for (const path of ['/admin/aanmelden', '/admin', '/admin/incidenten', '/admin/berichten', '/admin/postbus']) {
      const html = await (await fetch(`${harness.origin}${path}`, { headers: path === '/admin/aanmelden' ? {} : { cookie } })).text();
      expect(html, path).toContain('<strong id="oefenomgeving">OEFENING / DRILL – OEFENOMGEVING</strong>');
    }
  });

  it('writes an incident opened in the admin to the drill content, never to content/', async () => {
    const cookie = await signInOverHttp(harness, 'composer');
    const before = readdirSync(join(harness.contentDir, 'incidents'));
    const response = await fetch(`${harness.origin}/admin/incidenten/nieuw`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: harness.origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ title_nl: 'Oefening: Taxo Belastingen traag', impact: 'minor', 'product_taxo-belastingen': 'degraded_performance', scope: 'all', status: 'investigating', body_nl: 'Dit is een oefening. We onderzoeken de traagheid.' }),
    });
    expect(response.status).toBe(303);
    expect(readdirSync(join(harness.contentDir, 'incidents'))).toEqual(before);
    const drillDir = join(harness.dataDir, 'drill-content', 'incidents');
    expect(existsSync(drillDir) && readdirSync(drillDir).some((name) => name.endsWith('-oefening-taxo-belastingen-traag.md'))).toBe(true);
    const detail = await (await fetch(`${harness.origin}${response.headers.get('location')}`, { headers: { cookie } })).text();
    expect(detail).toContain('Oefening: Taxo Belastingen traag');
  });
});
