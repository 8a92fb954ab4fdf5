import AxeBuilder from '@axe-core/playwright';
import { addChannel } from '../../src/use-cases/channels/add-channel.ts';
import { HtmlValidate } from 'html-validate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAmsterdamInput } from '../../src/admin/amsterdam-input.ts';
import { launchChromium } from '../support/chromium.ts';
import { PEOPLE, startAdmin, type AdminHarness, type Person } from '../integration/admin/admin-harness.ts';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SYMPTOMS = 'Medewerkers kunnen niet inloggen in Zaakstroom; dossiers openen lukt niet.';

let harness: AdminHarness;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Admin pages visited along the way, per page type, for the accessibility check at the end. */
const visited = new Map<string, string>();
const publishTimings: number[] = [];

beforeAll(async () => {
  harness = await startAdmin();
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await harness?.close();
});

async function signedIn(person: Person): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${harness.origin}/admin`);
  expect(new URL(page.url()).pathname).toBe('/admin/aanmelden');
  await page.fill('#veld-email', PEOPLE[person].email);
  await page.fill('#veld-password', PEOPLE[person].password);
  await page.click('button[type=submit]:has-text("Aanmelden")');
  await page.waitForURL(`${harness.origin}/admin`);
  return page;
}

/**
 * axe over the admin's own markup. The sandboxed mail frames run no scripts, so axe cannot enter
 * them (and would wait for them); the mails' accessibility is the templates' own test.
 */
function axe(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).withTags(WCAG_TAGS).exclude('iframe').options({ iframes: false });
}

function remember(type: string, page: Page): void {
  visited.set(type, new URL(page.url()).pathname + new URL(page.url()).search);
}

describe('composer and approver in Chromium: from incident to public page', () => {
  let composer: Page;
  let approver: Page;
  let incidentPath = '';
  let messagePath = '';

  it('the composer opens an incident through the form, after fixing what the error summary names', async () => {
    composer = await signedIn('composer');
    remember('dashboard', composer);
    await composer.goto(`${harness.origin}/admin/incidenten/nieuw`);
    await composer.click('button:has-text("Incident openen")');
    await expect.poll(() => composer.locator('.error-summary').isVisible()).toBe(true);
    expect(await composer.locator('.error-summary a').first().getAttribute('href')).toBe('#veld-title-nl');
    expect(await composer.getAttribute('#veld-title-nl', 'aria-describedby')).toContain('veld-title-nl-fout');
    remember('form with errors', composer);

    await composer.fill('#veld-title-nl', 'Zaakstroom niet bereikbaar');
    // The English title and the promised update wait under "Meer invullen".
    await composer.click('summary:has-text("Meer invullen")');
    await composer.fill('#veld-title-en', 'Zaakstroom unavailable');
    await composer.selectOption('#veld-impact', 'major');
    await composer.selectOption('#veld-products-zaakstroom', 'major_outage');
    await composer.fill('#veld-body-nl', 'Sinds 08:40 uur kunnen medewerkers Zaakstroom niet openen. We onderzoeken de oorzaak.');
    await composer.fill('#veld-next-update-at', toAmsterdamInput(new Date(Date.now() + 2 * 3_600_000)));
    await composer.click('button:has-text("Incident openen")');
    await composer.waitForURL(/\/admin\/incidenten\/\d{4}-\d{2}-\d{2}-zaakstroom-niet-bereikbaar\?gedaan=ter_goedkeuring$/);
    incidentPath = new URL(composer.url()).pathname;
    expect(await composer.textContent('h1')).toBe('Zaakstroom niet bereikbaar');
    remember('incident', composer);
  });

  it('composes from a template with values prefilled from the incident, previews without and with JavaScript, and submits', async () => {
    // The template the incident needs now (a national first message) is chosen already.
    await composer.click('a:has-text("Bericht opstellen")');
    await composer.waitForSelector('#opstellen');
    expect(await composer.inputValue('input[name=sjabloon]')).toBe('storing-gemeld');
    remember('compose', composer);
    expect(await composer.inputValue('#veld-var-incident-title')).toBe('Zaakstroom niet bereikbaar');
    expect(await composer.inputValue('#veld-var-incident-title-en')).toBe('Zaakstroom unavailable');
    expect(await composer.inputValue('#veld-var-impact')).toBe('major');

    await composer.fill('#veld-var-symptoms', SYMPTOMS);
    // The "Voorbeeld" button: a normal form post, the page comes back with the preview.
    await composer.click('button[value=voorbeeld]');
    await composer.waitForLoadState('load');
    expect(await composer.textContent('#voorbeeld-onderwerp')).toContain('Zaakstroom niet bereikbaar');
    expect(await composer.textContent('#voorbeeld-tekst')).toContain(SYMPTOMS);
    expect(await composer.textContent('#voorbeeld-aantal')).toMatch(/ontvanger/);
    const frame = composer.frameLocator('#voorbeeld-html');
    await expect.poll(() => frame.locator('body').textContent()).toContain(SYMPTOMS);
    remember('compose with preview', composer);

    // With JavaScript the preview follows the typing.
    await composer.fill('#veld-var-symptoms', `${SYMPTOMS} Ook zaken aanmaken lukt niet.`);
    await expect.poll(() => composer.textContent('#voorbeeld-tekst'), { timeout: 10_000 }).toContain('Ook zaken aanmaken lukt niet.');
    await composer.selectOption('#veld-voorbeeldtaal', 'en');
    await expect.poll(() => composer.textContent('#voorbeeld-onderwerp'), { timeout: 10_000 }).toContain('Zaakstroom unavailable');

    await composer.click('button[value=opslaan]');
    await composer.waitForURL(/\/admin\/berichten\/[0-9a-f-]{36}\?gedaan=message_saved$/);
    messagePath = new URL(composer.url()).pathname;
    await composer.click('button:has-text("Ter goedkeuring aanbieden")');
    await composer.waitForURL(/gedaan=message_submitted$/);
    expect(await composer.textContent('#berichtstatus')).toBe('Wacht op goedkeuring');
    remember('message', composer);
  });

  it('previews with the "Voorbeeld" button when JavaScript is off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${harness.origin}/admin/aanmelden`);
    await page.fill('#veld-email', PEOPLE.composer.email);
    await page.fill('#veld-password', PEOPLE.composer.password);
    await page.click('button[type=submit]:has-text("Aanmelden")');
    await page.waitForURL(`${harness.origin}/admin`);
    const incidentId = incidentPath.split('/').at(-1)!;
    await page.goto(`${harness.origin}/admin/berichten/nieuw?onderwerp=incident:${incidentId}&sjabloon=storing-gemeld`);
    await page.fill('#veld-var-symptoms', 'Zonder JavaScript: het voorbeeld komt van de server.');
    await page.click('button[value=voorbeeld]');
    await page.waitForLoadState('load');
    expect(await page.textContent('#voorbeeld-tekst')).toContain('Zonder JavaScript: het voorbeeld komt van de server.');
    expect(await page.isHidden('#voorbeeld-live')).toBe(true);
  });

  it('refuses the composer’s own approval, and says why on the page', async () => {
    expect(await composer.textContent('#vier-ogen-uitleg')).toContain('U heeft dit bericht geschreven');
    expect(await composer.locator('button:has-text("Goedkeuren")').count()).toBe(0);
    // A forged approval from the composer's own browser session is refused by the server too.
    const forged = await composer.request.post(`${harness.origin}${messagePath}`, { form: { actie: 'goedkeuren' }, headers: { Origin: harness.origin }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    await composer.reload();
    expect(await composer.textContent('#berichtstatus')).toBe('Wacht op goedkeuring');
  });

  it('the approver approves, the message is handed to delivery and the public page shows the update within the publish time', async () => {
    approver = await signedIn('approver');
    expect(await approver.textContent('main')).toContain('Zaakstroom niet bereikbaar');
    // The opening itself waited for approval too (issue 11): it goes public first.
    await approver.goto(`${harness.origin}${incidentPath}`);
    await approver.click('button:has-text("Goedkeuren en op de statuspagina zetten")');
    await approver.waitForURL(/gedaan=wijziging_goedgekeurd$/);
    await approver.goto(`${harness.origin}${messagePath}`);
    const approvedAt = Date.now();
    await approver.click('button:has-text("Goedkeuren en versturen")');
    await approver.waitForURL(/gedaan=message_approved$/);
    expect(await approver.textContent('#berichtstatus')).toBe('Gepubliceerd');

    const publicPath = incidentPath.replace('/admin/incidenten/', '/incidenten/') + '/';
    let shownAt = 0;
    while (Date.now() - approvedAt < 120_000) {
      const response = await fetch(`${harness.origin}${publicPath}`);
      if (response.ok && (await response.text()).includes('Ook zaken aanmaken lukt niet.')) {
        shownAt = Date.now();
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(shownAt, 'the public incident page shows the approved update').toBeGreaterThan(0);
    publishTimings.push(shownAt - approvedAt);
    console.info(`approve → public page updated: ${shownAt - approvedAt} ms`);
    // The 2-core target is p95 ≤ 20 s at 1,000 incidents; this fixture is small.
    expect(shownAt - approvedAt).toBeLessThan(60_000);
  }, 180_000);

  it('shows per-recipient delivery, and the captured mail in the local mailbox', async () => {
    await harness.app.startDispatcher().drain();
    await approver.goto(`${harness.origin}${messagePath}/verzending`);
    remember('deliveries', approver);
    expect(await approver.textContent('#aantallen')).toMatch(/3\s+verzonden/);
    await approver.goto(`${harness.origin}/admin/postbus`);
    remember('mailbox', approver);
    await approver.click('a:has-text("Zaakstroom niet bereikbaar") >> nth=0');
    await approver.waitForURL(/\/admin\/postbus\/\d+$/);
    remember('captured mail', approver);
    expect(await approver.frameLocator('iframe.preview-frame').locator('body').textContent()).toContain(SYMPTOMS);
  });
});

describe('accessibility: axe-core WCAG 2.2 A/AA and html-validate on every admin page type', () => {
  it('finds no violations, in Dutch (light and dark) and English, and the HTML is valid', async () => {
    const admin = await signedIn('admin');
    // A registered channel, so its table and buttons are checked too (loopback port 9: nothing listens).
    addChannel(harness.ctx, harness.people.cor, { kind: 'teams', name: 'Teams ICT Utrecht', municipality: 'GM0344', url: 'http://127.0.0.1:9/workflows/4f2a9c/triggers/manual/paths/invoke' });
    const extra: Record<string, [Person | null, string]> = {
      'sign-in': [null, '/admin/aanmelden'],
      incidents: ['composer', '/admin/incidenten'],
      'new incident': ['composer', '/admin/incidenten/nieuw'],
      'incident update': ['composer', `${visited.get('incident')!.split('?')[0]}/update`],
      maintenance: ['composer', '/admin/onderhoud'],
      'new maintenance': ['composer', '/admin/onderhoud/nieuw'],
      'maintenance detail': ['composer', '/admin/onderhoud/2026-12-12-vervanging-servers-loket'],
      messages: ['approver', '/admin/berichten'],
      users: ['admin', '/admin/gebruikers'],
      user: ['admin', `/admin/gebruikers/${harness.userIds.composer}`],
      audit: ['admin', '/admin/audit?controleer=1'],
      contacts: ['admin', '/admin/contacten'],
      contact: ['admin', '/admin/contacten/1'],
      'contacts import': ['admin', '/admin/contacten/import'],
      channels: ['admin', '/admin/kanalen'],
    };
    const pages: Array<[string, Person | null, string]> = [
      ...[...visited].filter(([type]) => type !== 'form with errors').map(([type, path]) => [type, type === 'deliveries' || type.includes('mail') ? 'approver' : 'composer', path] as [string, Person, string]),
      ...Object.entries(extra).map(([type, [who, path]]) => [type, who, path] as [string, Person | null, string]),
    ];
    const sessions: Partial<Record<Person, Page>> = { admin };
    const anonymous = await browser.newContext();
    contexts.push(anonymous);
    const problems: string[] = [];
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      // Astro's compressed output is one line; titles carry staff-written incident titles.
      // Checkbox groups share one name on purpose (FormData.getAll).
      rules: { 'no-trailing-whitespace': 'off', 'long-title': 'off', 'no-inline-style': 'error', 'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }] },
    });
    for (const [type, who, path] of pages) {
      const page = who ? (sessions[who] ??= await signedIn(who)) : await anonymous.newPage();
      for (const lang of ['nl', 'en'] as const) {
        await page.context().addCookies([{ name: 'helder_taal', value: lang, url: `${harness.origin}/admin` }]);
        const response = await page.goto(`${harness.origin}${path}`);
        expect(response?.status(), `${type} ${path}`).toBeLessThan(400);
        if (lang === 'nl') {
          const report = await validator.validateString(await response!.text(), path);
          for (const result of report.results) for (const message of result.messages) problems.push(`${type} ${path}: html-validate ${message.ruleId} – ${message.message}`);
        }
        for (const colorScheme of lang === 'nl' ? (['light', 'dark'] as const) : (['light'] as const)) {
          await page.emulateMedia({ colorScheme });
          const results = await axe(page).analyze();
          for (const violation of results.violations) problems.push(`${type} (${lang}, ${colorScheme}) ${path}: ${violation.id} – ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
        }
      }
    }
    // The error state: the summary and the invalid fields.
    const composer = sessions.composer!;
    await composer.context().addCookies([{ name: 'helder_taal', value: 'nl', url: `${harness.origin}/admin` }]);
    await composer.goto(`${harness.origin}/admin/incidenten/nieuw`);
    await composer.click('button:has-text("Incident openen")');
    await composer.waitForSelector('.error-summary');
    for (const violation of (await axe(composer).analyze()).violations) problems.push(`form with errors: ${violation.id}`);
    expect(problems).toEqual([]);
    // A guard against a hang, not a speed check: ~80 axe runs take about 2 minutes on a quiet
    // 2-core machine and over 7 when colleagues' test runs share it.
  }, 600_000);
});

describe('self-service subscription on the started instance (Chromium)', () => {
  it('the published home and municipality pages carry the form; subscribing, the confirmation mail and confirming work without JavaScript and pass axe', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    // axe needs scripts; the visitor does not. axe checks the same pages in a scripted context.
    const scripted = await browser.newContext();
    contexts.push(scripted);
    const axePage = await scripted.newPage();
    const checkUrl = async (what: string, url: string) => {
      await axePage.goto(url);
      for (const violation of (await new AxeBuilder({ page: axePage }).withTags(WCAG_TAGS).analyze()).violations) problems.push(`${what}: ${violation.id}`);
    };

    await page.goto(`${harness.origin}/`);
    expect(await page.getAttribute('form.subscribe__form', 'action')).toBe(`${harness.origin}/abonneren`);
    await page.goto(`${harness.origin}/gemeenten/GM0344/`);
    expect(await page.getAttribute('form.subscribe__form', 'action')).toMatch(/\/abonneren$/);
    expect(await page.getAttribute('form.subscribe__form input[name=gemeente]', 'value')).toBe('GM0344');
    await checkUrl('municipality page with form', `${harness.origin}/gemeenten/GM0344/`);

    await page.fill('form.subscribe__form input[name=email]', 'wijkteam.noord@utrecht.example.nl');
    await page.click('form.subscribe__form button[type=submit]');
    await page.waitForURL(`${harness.origin}/abonneren`);
    expect(await page.textContent('h1')).toBe('Kijk in uw mailbox');

    await harness.app.startDispatcher().drain();
    const mail = harness.db
      .prepare("SELECT text FROM captured_mail WHERE recipient = 'wijkteam.noord@utrecht.example.nl' ORDER BY id DESC")
      .get() as { text: string } | undefined;
    const link = /http:\/\/127\.0\.0\.1:\d+\/abonneren\/bevestigen\/[A-Za-z0-9_-]{43}/.exec(mail?.text ?? '')?.[0];
    expect(link, 'the captured confirmation mail holds the link').toBeDefined();

    await page.goto(link!);
    expect(await page.textContent('h1')).toBe('Aanmelding bevestigen');
    await checkUrl('confirm page', link!);
    expect((harness.db.prepare('SELECT count(*) AS n FROM subscribers').get() as { n: number }).n).toBe(0);
    await page.click('button:has-text("Ja, aanmelden")');
    expect(await page.textContent('h1')).toBe('U bent aangemeld');
    // The manage page holds every control the full subscribe form has (same fields, same markup).
    const manage = await page.getAttribute('a:has-text("Mijn keuzes wijzigen")', 'href');
    await checkUrl('manage page', `${harness.origin}${manage}`);
    expect(harness.db.prepare('SELECT email, municipalities FROM subscribers').all()).toEqual([{ email: 'wijkteam.noord@utrecht.example.nl', municipalities: '["GM0344"]' }]);
    expect(problems).toEqual([]);
  }, 120_000);
});
