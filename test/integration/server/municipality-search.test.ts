import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { municipalitySearchIndex, searchFormHtml, SEARCH_RESULTS_END, SEARCH_RESULTS_START } from '../../../src/components/municipality-entries.ts';
import { loadContent } from '../../../src/content/load-content.ts';
import { buildReadModel } from '../../../src/domain/index.ts';
import { closeServer, createHelderServer } from '../../../src/server/create-helder-server.ts';
import { rawRequest } from './raw-http.ts';

/**
 * The search page's answer from the public server, on files shaped exactly as the build writes
 * them: the index from the same function the build's index.json route calls, and a page with the
 * build's form and markers (the real built page is searched in Chromium in test/e2e/public-site).
 */
const model = buildReadModel(loadContent('test/fixtures/public-site'), new Date('2026-11-27T10:00:00Z'));
const FULL_LIST = '<ul class="municipality-entries"><li>Alle vijf gemeenten</li></ul>';
const page = (lang: 'nl' | 'en') =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Gemeente zoeken – Status</title></head><body><main><h1>Gemeente zoeken</h1>${searchFormHtml(lang)}<div class="search-results">${SEARCH_RESULTS_START}<h2>Alle gemeenten</h2>${FULL_LIST}${SEARCH_RESULTS_END}</div></main></body></html>`;

let root = '';
let server: Server;
let port = 0;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'helder-search-'));
  for (const [lang, dir] of [['nl', 'gemeenten/zoeken'], ['en', 'en/municipalities/search']] as const) {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, 'index.html'), page(lang));
    writeFileSync(join(root, dir, 'index.json'), JSON.stringify(municipalitySearchIndex(model, lang)));
  }
  server = createHelderServer({ siteDir: root, log: () => {} });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  if (server) await closeServer(server, 100);
  rmSync(root, { recursive: true, force: true });
});

const get = (target: string, method = 'GET') => rawRequest(port, target, { method });
const resultNames = (html: string) => [...html.matchAll(/<a class="nl-link" href="\/(?:en\/)?(?:gemeenten|municipalities)\/(GM\d{4})\/">([^<]+)<\/a>/g)].map((match) => match[2]!.replace('&#39;', "'"));

describe('the municipality search on the public server', () => {
  it('finds a municipality by the name people use: "Den Haag" finds \'s-Gravenhage', async () => {
    const response = await get('/gemeenten/zoeken/?q=Den+Haag');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toContain('<h2 class="nl-heading nl-heading--level-2" id="zoekresultaten">Eén gemeente gevonden voor “Den Haag”</h2>');
    expect(resultNames(response.text)).toEqual(["'s-Gravenhage"]);
    expect(response.text).toContain('(ook: Den Haag, The Hague)');
    expect(response.text).not.toContain('Alle vijf gemeenten');
    expect(response.text).toContain('name="q" value="Den Haag"');
    expect(response.text).toContain('<title>Eén gemeente gevonden voor “Den Haag” – Gemeente zoeken – Status</title>');
  });

  it('lists several matches with their state, and says so when nothing matches', async () => {
    const several = await get('/gemeenten/zoeken/?q=e');
    expect(several.text).toContain('gemeenten gevonden voor “e”');
    expect(resultNames(several.text).length).toBeGreaterThan(1);
    expect(several.text).toMatch(/<span class="visually-hidden">Status: <\/span>(Storing|Alles werkt normaal)/);
    const none = await get('/gemeenten/zoeken/?q=Atlantis');
    expect(none.text).toContain('Geen gemeente gevonden voor “Atlantis”');
    expect(none.text).toContain('<a class="nl-link" href="/gemeenten/">Naar de lijst van alle gemeenten</a>');
    expect(resultNames(none.text)).toEqual([]);
  });

  it('answers in English on the English search page', async () => {
    const response = await get('/en/municipalities/search/?q=the%20hague');
    expect(response.text).toContain('One municipality found for “the hague”');
    expect(response.text).toContain('href="/en/municipalities/GM0518/"');
  });

  it('shows the query back escaped, never as markup, and without special replacement patterns', async () => {
    const response = await get(`/gemeenten/zoeken/?q=${encodeURIComponent('"><script>alert(1)</script> $& $1')}`);
    expect(response.text).not.toContain('<script>alert(1)');
    expect(response.text).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; $&amp; $1"');
    expect(response.text).toContain('Geen gemeente gevonden voor “&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; $&amp; $1”');
  });

  it('sends a page policy without inline allowances, is not cached or indexed, and answers HEAD without a body', async () => {
    const response = await get('/gemeenten/zoeken/?q=utrecht');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-robots-tag']).toBe('noindex');
    const head = await get('/gemeenten/zoeken/?q=utrecht', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('leaves the static page to answer without a query, for other pages, and when the index is missing or unknown', async () => {
    for (const target of ['/gemeenten/zoeken/', '/gemeenten/zoeken/?q=', '/gemeenten/zoeken/?q=%20%20', '/gemeenten/zoeken/?zoek=Utrecht']) {
      const response = await get(target);
      expect(response.status, target).toBe(200);
      expect(response.text, target).toContain('Alle vijf gemeenten');
      expect(response.headers['cache-control'], target).not.toBe('no-store');
    }
    writeFileSync(join(root, 'gemeenten/zoeken/index.json'), JSON.stringify({ version: 2, entries: [] }));
    expect((await get('/gemeenten/zoeken/?q=Utrecht')).text).toContain('Alle vijf gemeenten');
    rmSync(join(root, 'gemeenten/zoeken/index.json'));
    expect((await get('/gemeenten/zoeken/?q=Utrecht')).text).toContain('Alle vijf gemeenten');
    writeFileSync(join(root, 'gemeenten/zoeken/index.json'), JSON.stringify(municipalitySearchIndex(model, 'nl')));
    expect((await get('/gemeenten/zoeken?q=Utrecht')).status).toBe(301);
  });
});
