import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.ts';
import { nextTimeBasedChange } from '../../src/publish/next-time-based-change.ts';
import { brandProperties, BrandColourError } from '../../src/styles/brand-properties.ts';
import { buildSite } from '../support/build-site.ts';
import { listSiteFiles, pagePaths, readPage } from '../support/site-files.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/public-site');
const NOW = new Date('2026-11-27T10:00:00Z');
/** Extra resolved incidents so the history needs a second page (25 per page). */
const GENERATED_INCIDENTS = 26;

let outDir: string;
let contentDir: string;

beforeAll(async () => {
  contentDir = mkdtempSync(join(tmpdir(), 'helder-content-'));
  cpSync(FIXTURE, contentDir, { recursive: true });
  writeGeneratedIncidents(contentDir);
  ({ outDir } = await buildSite({ contentDir, now: NOW }));
});

afterAll(() => {
  for (const dir of [outDir, contentDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the built public site', () => {
  it('has every page in Dutch and in English, at the addresses of src/site/urls.ts', () => {
    const pages = new Set(pagePaths(outDir));
    const expected = [
      ['/', '/en/'],
      ['/incidenten/2026-11-27-registra-brp-landelijke-storing/', '/en/incidents/2026-11-27-registra-brp-landelijke-storing/'],
      ['/incidenten/2026-11-18-loket-afspraken-utrecht-sms/', '/en/incidents/2026-11-18-loket-afspraken-utrecht-sms/'],
      ['/incidenten/2026-10-14-loket-formulieren-traag/', '/en/incidents/2026-10-14-loket-formulieren-traag/'],
      ['/onderhoud/2026-12-05-vervanging-servers-loket/', '/en/maintenance/2026-12-05-vervanging-servers-loket/'],
      ['/onderhoud/2026-11-07-upgrade-registra/', '/en/maintenance/2026-11-07-upgrade-registra/'],
      ['/geschiedenis/', '/en/history/'],
      ['/geschiedenis/2/', '/en/history/2/'],
      ['/gemeenten/', '/en/municipalities/'],
      ['/gemeenten/GM0344/', '/en/municipalities/GM0344/'],
      ['/gemeenten/GM0080/', '/en/municipalities/GM0080/'],
      ['/toegankelijkheid/', '/en/accessibility/'],
      ['/over/', '/en/about/'],
      ['/gemeenten/zoeken/', '/en/municipalities/search/'],
      ...['registra-brp', 'registra-reisdocumenten', 'loket-formulieren', 'loket-afspraken'].map((id) => [`/producten/${id}/`, `/en/products/${id}/`]),
    ].flat();
    expect(expected.filter((path) => !pages.has(path))).toEqual([]);
    expect(pages.has('/geschiedenis/3/')).toBe(false);
    expect(existsSync(join(outDir, '404.html'))).toBe(true);
    for (const path of pages) {
      const html = readPage(outDir, path);
      expect(html, path).toMatch(path.startsWith('/en/') ? /^<!DOCTYPE html><html lang="en"/i : /^<!DOCTYPE html><html lang="nl"/i);
    }
  });

  it('never shows a drill incident or drill maintenance, in any file', () => {
    const leaks = listSiteFiles(outDir)
      .filter((file) => !file.endsWith('.woff2'))
      .filter((file) => /ZWARTE-ZWAAN|oefening-calamiteitenplan|oefening-noodstroom|OEFENING|DRILL/.test(readFileSync(join(outDir, file), 'utf8')));
    expect(leaks).toEqual([]);
  });

  it('escapes raw HTML and drops javascript: links from Markdown, and ships no JavaScript at all', () => {
    const incident = readPage(outDir, '/incidenten/2026-11-27-registra-brp-landelijke-storing/');
    expect(incident).toContain('&lt;script&gt;alert(');
    expect(incident).toContain('<strong>verlopen certificaat</strong>');
    expect(incident).toContain('<a href="/over/">de pagina over deze statuspagina</a>');
    expect(incident).not.toMatch(/href="javascript:/i);
    for (const file of listSiteFiles(outDir)) {
      expect(file).not.toMatch(/\.m?js$/);
      if (file.endsWith('.html')) expect(readFileSync(join(outDir, file), 'utf8'), file).not.toMatch(/<script|\son[a-z]+="/i);
    }
  });

  it('says every status in words, in the language of the page', () => {
    const home = text(readPage(outDir, '/'));
    expect(home).toContain('Er is een storing in een deel van de producten');
    expect(home).toMatch(/Registra BRP .*Status: Storing/);
    expect(home).toMatch(/Registra Reisdocumenten .*Status: Gedeeltelijke storing/);
    expect(home).toMatch(/Loket Formulieren .*Status: Werkt normaal/);
    // The last change (the 09:41 update of the national outage), not the build at 11:00.
    expect(home).toContain('Bijgewerkt op vrijdag 27 november 2026 om 09:41');
    expect(home).toContain('Oorzaak gevonden');
    expect(home).toContain('Vervanging van de servers van Loket Formulieren');

    const english = text(readPage(outDir, '/en/'));
    expect(english).toContain('Some products have an outage');
    expect(english).toMatch(/Registra BRP .*Status: Major outage/);
    expect(english).toContain('Last updated Friday, 27 November 2026 at 09:41 CET');
  });

  it('marks text shown in another language than the page with lang', () => {
    const dutchOnly = readPage(outDir, '/en/incidents/2026-10-14-loket-formulieren-traag/');
    expect(dutchOnly).toMatch(/<h1 class="[^"]*" lang="nl">Loket Formulieren traag bij het versturen van bijlagen<\/h1>/);
    const workaround = readPage(outDir, '/en/incidents/2026-11-27-registra-brp-landelijke-storing/');
    expect(workaround).toMatch(/<div class="prose" lang="nl"><p>Noteer verhuizingen/);
    const home = readPage(outDir, '/en/');
    expect(home).toMatch(/<p class="product__description" lang="nl">Afspraken maken voor de balie/);
    expect(readPage(outDir, '/')).not.toContain('lang="en"><p>');
  });

  it('shows a municipality only its own products and what touches it', () => {
    const utrecht = text(readPage(outDir, '/gemeenten/GM0344/'));
    const amsterdam = text(readPage(outDir, '/gemeenten/GM0363/'));
    const leeuwarden = text(readPage(outDir, '/gemeenten/GM0080/'));
    expect(utrecht).toContain('Sms-herinneringen voor afspraken niet verstuurd in Utrecht');
    expect(amsterdam).not.toContain('Sms-herinneringen');
    expect(amsterdam).toContain('Registra BRP niet bereikbaar');
    expect(leeuwarden).toContain('Registra BRP niet bereikbaar');
    const leeuwardenHtml = readPage(outDir, '/gemeenten/GM0080/');
    expect(leeuwardenHtml).toContain('<h3 class="product__name"><a class="nl-link product__link" href="/producten/registra-reisdocumenten/">Registra Reisdocumenten</a></h3>');
    expect(leeuwardenHtml).not.toContain('>Registra BRP</a></h3>');
    expect(leeuwarden).not.toContain('Vervanging van de servers van Loket Formulieren');
    const zwolle = readPage(outDir, '/gemeenten/GM0193/');
    expect(text(zwolle)).toContain('Vervanging van de servers van Loket Formulieren');
    expect(zwolle).toContain('href="/gemeenten/GM0193/incidents.xml"');
  });

  it('gives every product a page in both languages with its status, feeds and continuity guidance for municipalities', () => {
    for (const id of ['registra-brp', 'registra-reisdocumenten', 'loket-formulieren', 'loket-afspraken']) {
      const dutch = text(readPage(outDir, `/producten/${id}/`));
      for (const heading of ['Continuïteitswijzer voor gemeenten', 'Zo helpt u inwoners toch', 'Papieren formulieren en registers', 'Wettelijke termijnen', 'Wat kan wachten', 'Wat vertelt u inwoners?', 'Als het weer werkt', 'Achterstand wegwerken', 'Bericht voor inwoners tijdens een storing', 'Belscript voor uw KCC als het weer werkt']) {
        expect(dutch, `${id}: ${heading}`).toContain(heading);
      }
      expect(dutch, id).toMatch(/Beschikbaarheid in de afgelopen 90 dagen .*beschikbaar in de afgelopen 90 dagen/);
      expect(readPage(outDir, `/producten/${id}/`), id).toContain(`href="/producten/${id}/incidents.xml"`);
      const english = text(readPage(outDir, `/en/products/${id}/`));
      expect(english, id).toContain('Continuity guidance for municipalities');
      expect(english, id).toContain('Once it works again');
    }
    const brp = text(readPage(outDir, '/producten/registra-brp/'));
    expect(brp).toContain('Registra BRP Bijhouding van de Basisregistratie Personen');
    expect(brp).toMatch(/Huidige status .*Storing sinds/);
    expect(brp).toContain('Registra BRP niet bereikbaar');
    expect(brp).toContain('Laatst gecontroleerd op 2 november 2026');
    expect(brp).toContain('3 gemeenten gebruiken Registra BRP.');
    expect(brp).toContain('De storing is voorbij. Verhuizingen en uittreksels werken weer.');
    // Loket Afspraken's guidance is Dutch only: the English page says so with lang.
    expect(readPage(outDir, '/en/products/loket-afspraken/')).toMatch(/<div class="prose" lang="nl"><ul>\s*<li>Print elke ochtend de afsprakenlijst/);
    expect(readPage(outDir, '/en/products/registra-brp/')).not.toMatch(/<div class="prose" lang="nl"><p>Als Registra BRP niet werkt/);
    // Linked from the home page, every incident page and every municipality page.
    expect(readPage(outDir, '/')).toContain('href="/producten/loket-afspraken/"');
    expect(readPage(outDir, '/en/')).toContain('href="/en/products/loket-afspraken/"');
    expect(readPage(outDir, '/incidenten/2026-11-27-registra-brp-landelijke-storing/')).toContain('<a class="nl-link" href="/producten/registra-brp/">Registra BRP</a>');
    expect(readPage(outDir, '/gemeenten/GM0193/')).toContain('href="/producten/loket-afspraken/"');
  });

  it('shows an ongoing incident "what you can do now", with the texts for residents and the KCC', () => {
    const page = readPage(outDir, '/incidenten/2026-11-27-registra-brp-landelijke-storing/');
    const shown = text(page);
    expect(shown).toContain('Wat kunt u als gemeente nu doen?');
    expect(shown).toContain('Noteer verhuizingen op het papieren noodformulier');
    expect(shown).toContain('Wat u kunt doen als Registra BRP niet werkt');
    expect(shown).toContain('Teksten voor uw inwoners en uw KCC');
    expect(shown).toContain('Storing bij de gemeente. Door een storing kunnen wij nu geen verhuizingen verwerken.');
    expect(shown).toContain('Standaardtekst uit de continuïteitswijzer.');
    expect(shown).not.toContain('Het werkt weer: wat nu?');
    expect(page).toContain('href="/producten/registra-brp/#continuiteit"');
    expect(readPage(outDir, '/en/incidents/2026-11-27-registra-brp-landelijke-storing/')).toContain('href="/en/products/registra-brp/#continuity"');
  });

  it('shows a resolved incident what to do now that it works again, and no outage advice', () => {
    for (const [path, after, outage] of [
      ['/incidenten/2026-11-18-loket-afspraken-utrecht-sms/', 'Het werkt weer: wat nu?', 'Wat kunt u als gemeente nu doen?'],
      ['/en/incidents/2026-11-18-loket-afspraken-utrecht-sms/', 'It works again: what now?', 'What can municipalities do meanwhile?'],
    ] as const) {
      const shown = text(readPage(outDir, path));
      expect(shown, path).toContain(after);
      expect(shown, path).toContain('Zet de telefonisch gemaakte afspraken van de papieren lijst in het systeem.');
      expect(shown, path).toContain('De storing is voorbij. U kunt weer online een afspraak maken');
      expect(shown, path).not.toContain(outage);
      // Neither the incident's workaround nor the burgerbericht sent during the outage.
      expect(shown, path).not.toMatch(/Bel inwoners met een afspraak voor morgen zelf op|Call residents with an appointment tomorrow/);
      expect(shown, path).not.toContain('Door een storing krijgt u geen sms-herinnering');
      expect(shown, path).not.toContain('Print elke ochtend de afsprakenlijst');
    }
    const feed = readFileSync(join(outDir, 'gemeenten/GM0344/incidents.xml'), 'utf8');
    expect(feed).not.toContain('Bel inwoners met een afspraak voor morgen zelf op');
  });

  it('lists municipalities by letter with their state in words, other names filed under their own letter', () => {
    const index = readPage(outDir, '/gemeenten/');
    const shown = text(index);
    expect(shown).toMatch(/Amsterdam \(GM0363\) Status: Storing/);
    expect(shown).toMatch(/Zwolle \(GM0193\) Status: Alles werkt normaal/);
    expect(shown).toContain("'s-Gravenhage (GM0518) (ook: Den Haag, The Hague)");
    expect(shown).toContain("Den Haag: zie 's-Gravenhage");
    expect([...index.matchAll(/<h2 class="letter-group__title" id="letter-([a-z])"/g)].map((match) => match[1])).toEqual(['a', 'd', 'g', 'l', 't', 'u', 'z']);
    expect(index).toContain('<form class="search-form" method="get" action="/gemeenten/zoeken/" role="search"');
    expect(readPage(outDir, '/en/municipalities/')).toContain('action="/en/municipalities/search/"');
  });

  it('writes a search page that lists every municipality, and the index the server searches', () => {
    const page = readPage(outDir, '/gemeenten/zoeken/');
    expect(page).toMatch(/<!--helder:search-results-->[\s\S]*Alle gemeenten, met hun andere namen[\s\S]*<!--\/helder:search-results-->/);
    expect(page).toContain('name="q" value=""');
    expect(text(page).match(/Status: /g)).toHaveLength(5);
    const index = JSON.parse(readFileSync(join(outDir, 'gemeenten/zoeken/index.json'), 'utf8')) as { version: number; entries: Array<{ name: string; terms: string[] }> };
    expect(index.version).toBe(1);
    expect(index.entries.map((entry) => entry.name)).toEqual(['Amsterdam', "'s-Gravenhage", 'Leeuwarden', 'Utrecht', 'Zwolle']);
    expect(index.entries[1]!.terms).toEqual(['sgravenhage', 'denhaag', 'thehague', 'gm0518']);
  });

  it('offers the e-mail subscription form on the home and municipality pages, posting to /abonneren with the municipality', () => {
    // No HELDER_ADMIN_URL in this build: the form posts to the same host.
    for (const path of ['/', '/en/']) {
      const home = readPage(outDir, path);
      expect(home).toMatch(/<form class="subscribe__form" method="post" action="\/abonneren">/);
      expect(home).not.toContain('name="gemeente"');
    }
    const utrecht = readPage(outDir, '/gemeenten/GM0344/');
    expect(utrecht).toMatch(/<form class="subscribe__form" method="post" action="\/abonneren">/);
    expect(utrecht).toContain('<input type="hidden" name="gemeente" value="GM0344">');
    expect(utrecht).toMatch(/<label class="subscribe__label" for="abonneren-email-GM0344">Uw e-mailadres<\/label>/);
    expect(readPage(outDir, '/en/municipalities/GM0344/')).toContain('<input type="hidden" name="taal" value="en">');
  });

  it('lists incidents by month in the history, 25 per page, with the maintenance on page one', () => {
    const first = text(readPage(outDir, '/geschiedenis/'));
    expect(first).toMatch(/November 2026 .*Registra BRP niet bereikbaar/);
    expect(first).toContain('Onderhoud');
    expect(first).toContain('Upgrade van Registra naar versie 2026.3');
    const second = text(readPage(outDir, '/geschiedenis/2/'));
    expect(second).toContain('Geschiedenis, pagina 2 van 2');
    expect(second).not.toContain('Upgrade van Registra naar versie 2026.3');
  });

  it('links only to addresses that exist in the build', () => {
    const files = new Set(listSiteFiles(outDir));
    const broken: string[] = [];
    for (const page of pagePaths(outDir)) {
      const html = readPage(outDir, page);
      const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]));
      for (const [, href] of html.matchAll(/\shref="([^"]+)"/g)) {
        if (!href || /^(https?:|mailto:|tel:|data:)/.test(href)) continue;
        // The subscription pages are the admin server's (src/server/subscription-request-handler.ts), not files.
        if (href === '/abonneren' || href.startsWith('/abonneren?') || href.startsWith('/abonneren/')) continue;
        if (href.startsWith('#')) {
          if (!ids.has(href.slice(1))) broken.push(`${page} → ${href}`);
          continue;
        }
        const path = href.split('#')[0]!;
        if (!files.has(path.endsWith('/') ? `${path}index.html` : path)) broken.push(`${page} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('keeps the home page within 20 KB (gzip) of HTML and CSS, with one stylesheet and no scripts', () => {
    const html = readPage(outDir, '/');
    const stylesheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) => match[1]!);
    expect(stylesheets).toHaveLength(1);
    const css = readFileSync(join(outDir, stylesheets[0]!), 'utf8');
    expect(css).toContain('--helder-brand:#6b2c91');
    const total = gzipSync(html).length + gzipSync(css).length;
    expect(total).toBeLessThanOrEqual(20 * 1024);
  });

  it('passes html-validate on every built page', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: {
        // Astro's compressed output puts everything on one line and drops optional whitespace.
        'no-trailing-whitespace': 'off',
        // Titles are "<incident title> – <site title>"; staff write incident titles, not SEO copy.
        'long-title': 'off',
        'no-inline-style': 'error',
      },
    });
    const failures: string[] = [];
    for (const file of listSiteFiles(outDir).filter((name) => name.endsWith('.html'))) {
      const report = await validator.validateString(readFileSync(join(outDir, file), 'utf8'), file);
      for (const result of report.results) {
        for (const message of result.messages) failures.push(`${file}: ${message.ruleId} ${message.message}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('a build is a function of the content, not of the clock', () => {
  it('gives the same bytes in every file when the same content is built later on the same day', async () => {
    // As late as possible before the next moment the site really changes by itself (an update
    // falling due, a maintenance window, midnight): the ongoing incident, the uptime bars, the
    // feeds and the calendars must not move in between. Incremental publishing rests on this.
    const change = nextTimeBasedChange(loadContent(contentDir), NOW).at;
    const later = new Date(change.getTime() - 60_000);
    expect(later.getTime() - NOW.getTime()).toBeGreaterThan(10 * 60_000);
    const second = await buildSite({ contentDir, now: later });
    try {
      const files = listSiteFiles(outDir);
      expect(listSiteFiles(second.outDir)).toEqual(files);
      const differing = files.filter((file) => !readFileSync(join(outDir, file)).equals(readFileSync(join(second.outDir, file))));
      expect(differing).toEqual([]);
    } finally {
      rmSync(second.outDir, { recursive: true, force: true });
    }
  });

  it('marks a promised update that has not come at the moment it falls due, on the incident page and the home page', async () => {
    const promise = nextTimeBasedChange(loadContent(contentDir), NOW);
    expect(promise.at.toISOString()).toBe('2026-11-27T10:30:00.000Z');
    const due = await buildSite({ contentDir, now: new Date(promise.at.getTime() + 60_000) });
    try {
      const incident = '/incidenten/2026-11-27-registra-brp-landelijke-storing/';
      expect(readPage(outDir, incident)).not.toContain('nog niet ontvangen');
      expect(readPage(due.outDir, incident)).toMatch(/<dd><time[^>]*>[^<]*<\/time> — <strong>nog niet ontvangen<\/strong><\/dd>/);
      expect(readPage(due.outDir, '/')).toContain('nog niet ontvangen');
      expect(readPage(due.outDir, '/en/incidents/2026-11-27-registra-brp-landelijke-storing/')).toContain('not yet received');
    } finally {
      rmSync(due.outDir, { recursive: true, force: true });
    }
  });
});

describe('brand colours from site.yaml', () => {
  it('become custom properties, with a dark-mode link colour', () => {
    expect(brandProperties({ primary: '#1d4f91', on_primary: '#ffffff', primary_dark: '#8fb8f0' })).toMatchInlineSnapshot(
      `".voorbeeld-theme{--helder-brand:#1d4f91;--helder-on-brand:#ffffff;--helder-link:#1d4f91}@media (prefers-color-scheme:dark){.voorbeeld-theme{--helder-link:#8fb8f0}}"`,
    );
  });

  it('refuse a primary colour that is unreadable on white, naming the field', () => {
    expect(() => brandProperties({ primary: '#f5a623', on_primary: '#000000' })).toThrow(BrandColourError);
    expect(() => brandProperties({ primary: '#f5a623', on_primary: '#000000' })).toThrowErrorMatchingInlineSnapshot(`[BrandColourError: content/site.yaml → brand.primary: "#f5a623" has a contrast of 2.03:1 with the white page background (#ffffff); text needs at least 4.5:1 (WCAG 2.2 AA). Choose a darker or lighter colour.]`);
  });
});

/** The visible text of a page, whitespace collapsed, for assertions about what a reader sees. */
function text(html: string): string {
  return html
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

function writeGeneratedIncidents(dir: string): void {
  const products = ['registra-brp', 'registra-reisdocumenten', 'loket-formulieren', 'loket-afspraken'];
  for (let index = 0; index < GENERATED_INCIDENTS; index += 1) {
    const start = new Date(Date.UTC(2026, 4, 1 + index * 5, 8, 30));
    const end = new Date(start.getTime() + (35 + index) * 60_000);
    const product = products[index % products.length]!;
    const day = start.toISOString().slice(0, 10);
    writeFileSync(
      join(dir, 'incidents', `${day}-verstoring-${product}.md`),
      [
        '---',
        `title: Korte verstoring in ${product.replace('-', ' ')} op ${day}`,
        'impact: minor',
        `components: [${product}]`,
        'scope: all',
        'updates:',
        `  - at: ${start.toISOString()}`,
        '    status: investigating',
        `    components: { ${product}: degraded_performance }`,
        '    body: Het product reageert trager dan normaal. We onderzoeken de oorzaak.',
        `  - at: ${end.toISOString()}`,
        '    status: resolved',
        `    components: { ${product}: operational }`,
        '    body: Een overbelaste server is herstart. Alles werkt weer normaal.',
        '---',
        '',
      ].join('\n'),
    );
  }
}
