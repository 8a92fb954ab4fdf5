import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, createHelderServer } from '../../src/server/create-helder-server.ts';
import { buildSite } from '../support/build-site.ts';
import { launchChromium } from '../support/chromium.ts';
import { serveDirectory, type StaticServer } from '../support/static-server.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/public-site');
const NOW = new Date('2026-11-27T10:00:00Z');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** One page of every type, in both languages. */
const PAGE_TYPES = {
  home: ['/', '/en/'],
  incident: ['/incidenten/2026-11-27-registra-brp-landelijke-storing/', '/en/incidents/2026-11-27-registra-brp-landelijke-storing/'],
  resolvedIncident: ['/incidenten/2026-11-18-loket-afspraken-utrecht-sms/', '/en/incidents/2026-11-18-loket-afspraken-utrecht-sms/'],
  maintenance: ['/onderhoud/2026-12-05-vervanging-servers-loket/', '/en/maintenance/2026-12-05-vervanging-servers-loket/'],
  history: ['/geschiedenis/', '/en/history/'],
  municipalities: ['/gemeenten/', '/en/municipalities/'],
  municipality: ['/gemeenten/GM0344/', '/en/municipalities/GM0344/'],
  product: ['/producten/registra-brp/', '/en/products/loket-afspraken/'],
  municipalitySearch: ['/gemeenten/zoeken/', '/en/municipalities/search/'],
  accessibility: ['/toegankelijkheid/', '/en/accessibility/'],
  about: ['/over/', '/en/about/'],
} satisfies Record<string, [string, string]>;

let outDir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  ({ outDir } = await buildSite({ contentDir: FIXTURE, now: NOW }));
  server = await serveDirectory(outDir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

async function openPage(path: string, options: { width?: number } = {}): Promise<{ context: BrowserContext; page: Page }> {
  // JavaScript stays on only because axe-core runs in the page; the site itself ships none.
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 } });
  const page = await context.newPage();
  const response = await page.goto(`${server.origin}${path}`);
  expect(response?.status(), path).toBe(200);
  return { context, page };
}

/** Pages that only exist since the continuity kit: checked where they are most likely to break, at 320 px (below). */
const NARROW_ONLY = new Set(['product', 'municipalitySearch']);

describe('axe-core WCAG 2.2 A/AA', () => {
  it.each(Object.entries(PAGE_TYPES).filter(([type]) => !NARROW_ONLY.has(type)))('finds no violations on the %s page, in Dutch and English, light and dark', async (_type, paths) => {
    for (const path of paths) {
      const { context, page } = await openPage(path);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        const violations = results.violations.map((violation) => ({
          rule: violation.id,
          help: violation.help,
          targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
        }));
        expect(violations, `${path} (${colorScheme})`).toEqual([]);
      }
      await context.close();
    }
  }, 120_000);
});

/** The new and changed pages at 320 px, where the guidance, the ready-made texts and the index reflow. */
const NARROW_PAGES = [...PAGE_TYPES.product, ...PAGE_TYPES.municipalitySearch, '/gemeenten/', '/incidenten/2026-11-18-loket-afspraken-utrecht-sms/'];

async function violationsOf(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map((violation) => ({ rule: violation.id, help: violation.help, targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')) }));
}

describe('axe-core WCAG 2.2 A/AA at 320 px wide', () => {
  it('finds no violations on the product, municipality search and index, and resolved incident pages, light and dark', async () => {
    for (const path of NARROW_PAGES) {
      const { context, page } = await openPage(path, { width: 320 });
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        expect(await violationsOf(page), `${path} (${colorScheme}, 320 px)`).toEqual([]);
      }
      await context.close();
    }
  }, 120_000);
});

describe('finding a municipality without JavaScript', () => {
  let search: { server: Server; origin: string } | undefined;
  beforeAll(async () => {
    // The same build, behind the server of `npm start`, which answers the search form.
    const server = createHelderServer({ siteDir: outDir, log: () => {} });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    search = { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  });
  afterAll(async () => {
    if (search) await closeServer(search.server, 100);
  });

  it('finds \'s-Gravenhage by "Den Haag" through the GET form, and the answer passes axe in light and dark at 320 px', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${search!.origin}/gemeenten/`);
    await page.getByLabel('Naam of CBS-code van uw gemeente').fill('Den Haag');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/\/gemeenten\/zoeken\/\?q=Den\+Haag$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Eén gemeente gevonden voor “Den Haag”' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: "'s-Gravenhage" }).getAttribute('href')).resolves.toBe('/gemeenten/GM0518/');
    await expect(page.getByLabel('Naam of CBS-code van uw gemeente').inputValue()).resolves.toBe('Den Haag');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await context.close();
    // axe runs in the page, so it needs JavaScript; the page itself ships none.
    const checked = await browser.newContext({ viewport: { width: 320, height: 900 } });
    const results = await checked.newPage();
    await results.goto(`${search!.origin}/en/municipalities/search/?q=war`);
    await expect(results.getByRole('heading', { level: 2, name: 'One municipality found for “war”' }).count()).resolves.toBe(1);
    await expect(results.getByRole('link', { name: 'Leeuwarden' }).count()).resolves.toBe(1);
    for (const colorScheme of ['light', 'dark'] as const) {
      await results.emulateMedia({ colorScheme });
      expect(await violationsOf(results), `search results (${colorScheme})`).toEqual([]);
    }
    await checked.close();
  }, 60_000);

  it('still gets people there on a plain static host: the search page lists every municipality with its other names', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.origin}/gemeenten/`);
    await page.getByLabel('Naam of CBS-code van uw gemeente').fill('Den Haag');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/\/gemeenten\/zoeken\/\?q=Den\+Haag$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Alle gemeenten, met hun andere namen' }).count()).resolves.toBe(1);
    await expect(page.getByText("(ook: Den Haag, The Hague)").count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Utrecht' }).count()).resolves.toBe(1);
    await context.close();
  });
});

describe('keyboard navigation', () => {
  it.each(['home', 'incident', 'history', 'municipality', 'product'] as const)('reaches every link on the %s page with Tab, starting with the skip link', async (type) => {
    for (const path of PAGE_TYPES[type]) {
      const { context, page } = await openPage(path);
      // Links inside a closed disclosure are reached by opening it (its summary is a Tab stop).
      const links = await page.$$eval('a[href]', (anchors) => anchors.filter((anchor) => !anchor.closest('details:not([open])')).map((anchor) => anchor.getAttribute('href')!));
      const reached: string[] = [];
      let firstFocus: { text: string; visible: boolean } | null = null;
      for (let press = 0; press < links.length + 40; press += 1) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null;
          if (!element || element === document.body) return null;
          const box = element.getBoundingClientRect();
          const style = getComputedStyle(element);
          return {
            href: element.getAttribute('href'),
            text: element.textContent?.trim() ?? '',
            visible: box.width > 0 && box.height > 0 && box.top >= 0 && box.top < window.innerHeight,
            indicated: style.boxShadow !== 'none' || (style.outlineStyle !== 'none' && style.outlineWidth !== '0px'),
          };
        });
        if (!focused) break;
        firstFocus ??= focused;
        expect(focused.indicated, `${path}: focus on "${focused.text}" is not visibly indicated`).toBe(true);
        if (focused.href) reached.push(focused.href);
      }
      expect(firstFocus?.text, path).toBe(path.startsWith('/en/') ? 'Skip to main content' : 'Direct naar de inhoud');
      expect(firstFocus?.visible, `${path}: skip link is visible when focused`).toBe(true);
      expect(links.filter((href) => !reached.includes(href)), path).toEqual([]);
      await context.close();
    }
  }, 60_000);

  it('moves focus into the main content with the skip link', async () => {
    const { context, page } = await openPage('/');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const focusedInMain = await page.evaluate(() => document.activeElement?.closest('main') !== null);
    expect(focusedInMain).toBe(true);
    await context.close();
  });
});

describe('the home page in a browser', () => {
  it('loads in at most four requests, all from its own origin, with no JavaScript', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: Array<{ url: string; type: string }> = [];
    page.on('request', (request) => requests.push({ url: request.url(), type: request.resourceType() }));
    await page.goto(`${server.origin}/`, { waitUntil: 'networkidle' });
    // The favicon is inlined as a data: URL, which is no network request.
    const pageRequests = requests.filter((request) => !request.url.startsWith('data:'));
    expect(pageRequests.map((request) => request.type).sort()).toEqual(['document', 'font', 'font', 'stylesheet']);
    expect(pageRequests.every((request) => request.url.startsWith(server.origin))).toBe(true);
    expect(requests.some((request) => request.type === 'script')).toBe(false);
    await context.close();
  });

  it('reflows to a 320 px wide screen without horizontal scrolling', async () => {
    for (const path of [...PAGE_TYPES.home, ...PAGE_TYPES.incident, ...PAGE_TYPES.municipality, ...PAGE_TYPES.product, ...PAGE_TYPES.municipalities, ...PAGE_TYPES.municipalitySearch]) {
      const { context, page } = await openPage(path, { width: 320 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await context.close();
    }
  }, 60_000);

  it('works with JavaScript switched off: the daily uptime table opens from its summary', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    const summary = page.getByText('Beschikbaarheid van Loket Afspraken per dag', { exact: true });
    const table = page.getByRole('table', { name: 'Beschikbaarheid van Loket Afspraken per dag, afgelopen 90 dagen' });
    await expect(table.isVisible()).resolves.toBe(false);
    await summary.click();
    await expect(table.isVisible()).resolves.toBe(true);
    await expect(table.getByRole('row').count()).resolves.toBeGreaterThan(1);
    await context.close();
  });

  it('names the overall status in a labelled region, not an alert', async () => {
    const { context, page } = await openPage('/');
    const region = page.getByRole('region', { name: 'Huidige status' });
    await expect(region.textContent()).resolves.toContain('Er is een storing in een deel van de producten');
    await expect(page.locator('[role="alert"]').count()).resolves.toBe(0);
    await context.close();
  });

  it('serves the 404 page for an unknown address', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${server.origin}/bestaat-niet/`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Pagina niet gevonden');
    await context.close();
  });
});

describe('feeds a person can open', () => {
  it('shows an RSS feed opened in the browser as a readable page (our own server, its CSP), in Dutch and English, without axe violations', async () => {
    // The real server: its content types and the feeds' CSP decide whether the XSLT page works.
    const helder = createHelderServer({ siteDir: outDir, log: () => {} });
    await new Promise<void>((resolve) => helder.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(helder.address() as AddressInfo).port}`;
    try {
      const cases = [
        ['/feeds/incidents.xml', 'Wat is een feed?'],
        // Atom is served as application/atom+xml (RFC 4287), which Chromium shows as text rather
        // than as XML, so the stylesheet applies there in browsers that treat it as XML only.
        ['/en/feeds/incidents.xml', 'What is a feed?'],
      ] as const;
      for (const [path, heading] of cases) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const response = await page.goto(`${origin}${path}`);
        expect(response?.status(), path).toBe(200);
        await expect(page.getByRole('heading', { level: 2 }).first().textContent()).resolves.toBe(heading);
        expect(await page.getByRole('heading', { level: 1 }).textContent(), path).toMatch(/\S/);
        expect(await page.locator('ul.feed-items li a').count(), path).toBeGreaterThan(0);
        const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`), path).toEqual([]);
        await context.close();
      }
    } finally {
      await closeServer(helder, 1_000);
    }
  }, 60_000);
});
