import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminMessages } from '../../src/i18n/admin-messages.ts';
import { drillMessages } from '../../src/i18n/drill-messages.ts';
import { launchChromium } from '../support/chromium.ts';
import { PEOPLE, startAdmin, type AdminHarness, type Person } from '../integration/admin/admin-harness.ts';

/**
 * Every admin form, submitted empty and with wrong values in a Dutch session: each message the
 * screen shows must be Dutch, say what to do, and name no internal field. The texts are compared
 * with the words of the English catalogue and with the shapes of internal names, not with a
 * hand-kept list of expected Dutch sentences, so a new English or technical message fails here.
 */
const t = adminMessages('nl');
const d = drillMessages('nl');

/** Words that occur in English refusals and never in a Dutch sentence. */
const ENGLISH = /\b(the|must|please|choose|enter|fill|expected|required|invalid|should|cannot|does|not|and|with|or|unknown|field|value|string|number|array|object|undefined|null|true|false)\b/i;
/** Internal names: snake_case, camelCase, dotted paths, form field names, zod and HTTP jargon. */
const INTERNAL = /\b[a-z]+_[a-z0-9_]+\b|\b[a-z]+[A-Z][a-zA-Z]+\b|\w\[\d+\]|\bvar_|\bZod|\bError\b|\b[45]\d\d\b/;

let harness: AdminHarness;
let browser: Browser;
const pages = new Map<Person, Page>();
/** Every message seen, per form, for the report of a failure. */
const seen: Array<{ form: string; message: string }> = [];

beforeAll(async () => {
  harness = await startAdmin({ dispatcher: false });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

async function as(person: Person): Promise<Page> {
  const existing = pages.get(person);
  if (existing) return existing;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: 'helder_taal', value: 'nl', url: harness.origin }]);
  const page = await context.newPage();
  await page.goto(`${harness.origin}/admin/aanmelden`);
  await page.fill('#veld-email', PEOPLE[person].email);
  await page.fill('#veld-password', PEOPLE[person].password);
  await page.click(`button[type=submit]:has-text("${t.signIn.submit}")`);
  await page.waitForURL(`${harness.origin}/admin`);
  pages.set(person, page);
  return page;
}

/** The messages a refused form shows: the error summary and the messages at the fields. */
async function shownErrors(page: Page, form: string): Promise<string[]> {
  await page.waitForSelector('.error-summary li, .form-error', { timeout: 10_000 });
  const messages = [
    ...(await page.locator('.error-summary li').allInnerTexts()),
    ...(await page.locator('.form-error').allInnerTexts()).map((text) => text.replace(new RegExp(`^${t.errorPrefix}\\s*`), '')),
  ].map((text) => text.trim()).filter(Boolean);
  for (const message of messages) seen.push({ form, message });
  return messages;
}

function expectDutch(messages: readonly string[], form: string): void {
  expect(messages.length, `${form}: no message shown`).toBeGreaterThan(0);
  for (const message of messages) {
    expect(message, `${form}: English in "${message}"`).not.toMatch(ENGLISH);
    expect(message, `${form}: internal name in "${message}"`).not.toMatch(INTERNAL);
    // A message says what to do: a sentence, not a bare word.
    expect(message.split(/\s+/).length, `${form}: "${message}" says too little`).toBeGreaterThan(2);
  }
}

async function submit(page: Page, button: string, form: string): Promise<string[]> {
  await page.click(`button[type=submit]:has-text("${button}")`);
  const messages = await shownErrors(page, form);
  expectDutch(messages, form);
  return messages;
}

describe('every admin form in a Dutch session answers in Dutch', () => {
  let incidentPath = '';

  it('sign-in: empty, then a wrong password', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${harness.origin}/admin/aanmelden`);
    await submit(page, t.signIn.submit, 'aanmelden leeg');
    await page.fill('#veld-email', PEOPLE.composer.email);
    await page.fill('#veld-password', 'verkeerd-wachtwoord-123');
    expect(await submit(page, t.signIn.submit, 'aanmelden fout')).toContain(t.signIn.invalidCredentials);
    await context.close();
  });

  it('opening an incident: empty, then a promised time in the past and no municipality chosen', async () => {
    const page = await as('composer');
    await page.goto(`${harness.origin}/admin/incidenten/nieuw`);
    const empty = await submit(page, t.incidents.submitOpen, 'incident leeg');
    expect(empty.join(' ')).toMatch(/Kies minstens één product/);
    await page.fill('#veld-title-nl', 'Zaakstroom traag bij het openen van dossiers');
    await page.selectOption('#veld-products-zaakstroom', 'degraded_performance');
    await page.check('input[name=scope][value=chosen]');
    await page.fill('#veld-body-nl', 'Medewerkers wachten lang op het openen van een dossier. We onderzoeken de oorzaak.');
    await page.click(`summary:has-text("${t.incidents.fields.more}")`);
    await page.fill('#veld-next-update-at', '2020-01-01T10:00');
    const wrong = await submit(page, t.incidents.submitOpen, 'incident fout');
    expect(wrong.join(' ')).toMatch(/Kies minstens één gemeente/);
    await page.check('input[name=scope][value=all]');
    const past = await submit(page, t.incidents.submitOpen, 'incident verleden');
    expect(past.join(' ')).toMatch(/toekomst/);
    await page.fill('#veld-next-update-at', '');
    await page.click(`button[type=submit]:has-text("${t.incidents.submitOpen}")`);
    await page.waitForURL(/\/admin\/incidenten\/[a-z0-9-]+\?gedaan=ter_goedkeuring$/);
    incidentPath = new URL(page.url()).pathname;
  });

  it('an update and the resolution of that incident: empty, then a next update in the past', async () => {
    const page = await as('composer');
    await page.goto(`${harness.origin}${incidentPath}/update`);
    await submit(page, t.incidents.submitUpdate, 'update leeg');
    await page.fill('#veld-body-nl', 'De oorzaak is gevonden; we werken aan een oplossing.');
    await page.fill('#veld-next-update-at', '2020-01-01T10:00');
    await submit(page, t.incidents.submitUpdate, 'update verleden');
    await page.goto(`${harness.origin}${incidentPath}/oplossen`);
    await submit(page, t.incidents.submitResolve, 'oplossen leeg');
  });

  it('scheduling maintenance: empty, then an end before the start, and a status update without text', async () => {
    const page = await as('composer');
    await page.goto(`${harness.origin}/admin/onderhoud/nieuw`);
    await submit(page, t.maintenance.submitSchedule, 'onderhoud leeg');
    await page.fill('#veld-title-nl', 'Vervanging databaseservers Registra');
    await page.fill('#veld-description-nl', 'Registra BRP is een half uur niet beschikbaar.');
    await page.check('input[name=products][value=registra-brp]');
    await page.fill('#veld-scheduled-for', '2030-03-04T22:00');
    await page.fill('#veld-scheduled-until', '2030-03-04T21:00');
    await submit(page, t.maintenance.submitSchedule, 'onderhoud einde voor begin');
    await page.goto(`${harness.origin}/admin/onderhoud/2026-12-12-vervanging-servers-loket`);
    await submit(page, t.maintenance.submitUpdate, 'onderhoud status leeg');
  });

  it('composing a message: the required texts emptied (the preview says what is missing), then an address that is not https', async () => {
    const page = await as('composer');
    await page.goto(`${harness.origin}/admin/berichten/nieuw?onderwerp=incident:2026-11-27-registra-brp-landelijke-storing&sjabloon=update`);
    // Open the prefilled values and the English texts, to empty them too.
    const closed = page.locator('form details:not([open]) > summary');
    while ((await closed.count()) > 0) await closed.first().click();
    for (const input of await page.locator('form textarea, form input[type=text]').all()) await input.fill('');
    await page.click(`button[type=submit]:has-text("${t.messages.previewButton}")`);
    await page.waitForSelector('#voorbeeld-problemen li');
    const problems = (await page.locator('#voorbeeld-problemen li').allInnerTexts()).map((text) => text.trim());
    seen.push(...problems.map((message) => ({ form: 'bericht leeg', message })));
    expectDutch(problems, 'bericht leeg');
    // Each problem names its field in the composer's words.
    for (const problem of problems) expect(problem).toMatch(/^[A-Z][^:]+: /);
    // A wrong value: a plain-http address where the template only takes https.
    const address = page.locator('form input[type=url]').first();
    await address.fill('http://status.voorbeeldsoftware.nl/incidenten/registra');
    await page.click(`button[type=submit]:has-text("${t.messages.previewButton}")`);
    await page.waitForSelector('#voorbeeld-problemen li');
    const wrong = (await page.locator('#voorbeeld-problemen li').allInnerTexts()).map((text) => text.trim());
    seen.push(...wrong.map((message) => ({ form: 'bericht adres', message })));
    expectDutch(wrong, 'bericht adres');
    expect(wrong.join(' ')).toMatch(/https:\/\//);
  });

  it('rejecting a message without a reason', async () => {
    const composer = await as('composer');
    await composer.goto(`${harness.origin}/admin/berichten/nieuw?onderwerp=incident:2026-11-27-registra-brp-landelijke-storing&sjabloon=update`);
    await composer.fill('#veld-var-update-text', 'De koppeling met de landelijke voorziening werkt weer gedeeltelijk.');
    await composer.click(`button[type=submit]:has-text("${t.messages.saveDraft}")`);
    await composer.waitForURL(/\/admin\/berichten\/[^/?]+\?gedaan=message_saved$/);
    const messagePath = new URL(composer.url()).pathname;
    await composer.click(`button[type=submit]:has-text("${t.messages.actions.submit}")`);
    await composer.waitForURL(/gedaan=message_submitted$/);
    const approver = await as('approver');
    await approver.goto(`${harness.origin}${messagePath}`);
    // The button sits below the approval review, whose mail previews still settle in height after
    // load, so a pointer click can land beside it; the approver reaches it with the keyboard.
    await approver.focus(`button[type=submit]:has-text("${t.messages.actions.reject}")`);
    await approver.keyboard.press('Enter');
    expectDutch(await shownErrors(approver, 'afwijzen zonder reden'), 'afwijzen zonder reden');
  });

  it('contacts: an empty contact, a list of addresses, an empty and a wrong import', async () => {
    const page = await as('admin');
    await page.goto(`${harness.origin}/admin/contacten`);
    await submit(page, t.contacts.add, 'contact leeg');
    await page.fill('#veld-name', 'Servicedesk Rotterdam');
    await page.fill('#veld-email', 'servicedesk@rotterdam.nl, kcc@rotterdam.nl');
    await submit(page, t.contacts.add, 'contact twee adressen');
    await page.goto(`${harness.origin}/admin/contacten/import`);
    await submit(page, t.contacts.importPage.check, 'import leeg');
    await page.setInputFiles('input[type=file]', { name: 'contacten.csv', mimeType: 'text/csv', buffer: Buffer.from('gemeente;naam;telefoon\nGM0599;Servicedesk;010-1234567\n') });
    await page.click(`button[type=submit]:has-text("${t.contacts.importPage.check}")`);
    const problems = (await page.locator('#importproblemen tbody td:last-child').allInnerTexts()).map((text) => text.trim());
    expectDutch(problems, 'import kolommen');
  });

  it('users: an empty user, a weak password and a bad address, no roles, a weak new password', async () => {
    const page = await as('admin');
    await page.goto(`${harness.origin}/admin/gebruikers`);
    await submit(page, t.users.add, 'gebruiker leeg');
    await page.fill('#veld-email', 'fatima@');
    await page.fill('#veld-name', 'Fatima Yilmaz');
    await page.fill('#veld-password', 'welkom123');
    await submit(page, t.users.add, 'gebruiker fout');
    await page.goto(`${harness.origin}/admin/gebruikers/${harness.userIds.composer}`);
    for (const box of await page.locator('input[name=roles]').all()) await box.uncheck();
    await submit(page, t.users.saveRoles, 'rollen leeg');
    await page.fill('#veld-password', 'wachtwoord');
    await submit(page, t.users.resetPassword, 'wachtwoord zwak');
  });

  it('drills: an empty scenario, broken YAML and a wrong scenario; an empty observation', async () => {
    const admin = await as('admin');
    await admin.goto(`${harness.origin}/admin/oefeningen/scenario`);
    await admin.fill('#veld-yaml', '');
    await submit(admin, d.scenario.save, 'scenario leeg');
    await admin.fill('#veld-yaml', 'id: mijn-scenario\ntitle: [niet gesloten');
    await submit(admin, d.scenario.save, 'scenario yaml');
    await admin.fill('#veld-yaml', 'id: Mijn Scenario\ntitle: Oefening\nsummary: Een oefening\nevents:\n  - after_minutes: -5\n    text: Eerste melding\n');
    const fields = await submit(admin, d.scenario.save, 'scenario velden');
    // Problems inside the scenario point at their line, as an editor would.
    expect(fields.join(' ')).toMatch(/Regel \d+: /);
    const approver = await as('approver');
    await approver.goto(`${harness.origin}/admin/oefeningen`);
    await approver.click(`button[type=submit]:has-text("${d.start.submit}")`);
    await approver.waitForURL(/\/admin\/oefeningen\/\d+/);
    await submit(approver, d.detail.record, 'waarneming leeg');
  });

  it('saw only Dutch, and every kind of form', () => {
    expect(new Set(seen.map((entry) => entry.form)).size).toBeGreaterThanOrEqual(20);
  });
});

/** What has the keyboard focus: its id, name or class, enough to tell the fields apart. */
async function focused(page: Page): Promise<{ id: string; name: string; className: string; text: string }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement & { name?: string };
    return { id: element?.id ?? '', name: element?.name ?? '', className: element?.className ?? '', text: (element?.textContent ?? '').trim() };
  });
}

describe('keyboard and focus in the admin', () => {
  it('moves focus to the message that reports the result of a submit, error or success', async () => {
    const page = await as('composer');
    await page.goto(`${harness.origin}/admin/incidenten/nieuw`);
    await page.click(`button[type=submit]:has-text("${t.incidents.submitOpen}")`);
    await page.waitForSelector('.error-summary');
    expect((await focused(page)).className).toContain('error-summary');
    await page.fill('#veld-title-nl', 'Loket Afspraken toont geen vrije tijden');
    await page.selectOption('#veld-products-loket-afspraken', 'partial_outage');
    await page.fill('#veld-body-nl', 'Inwoners zien bij het maken van een afspraak geen vrije tijden. We onderzoeken de oorzaak.');
    await page.click(`button[type=submit]:has-text("${t.incidents.submitOpen}")`);
    await page.waitForURL(/gedaan=ter_goedkeuring$/);
    const notice = await focused(page);
    expect(notice.className).toContain('admin-notice');
    expect(notice.text).toBe(t.done.ter_goedkeuring);
  });

  it('skips the municipalities while "Alle gemeenten" is chosen, and offers them once a choice of municipalities is', async () => {
    const page = await as('composer');
    await page.goto(`${harness.origin}/admin/incidenten/nieuw`);
    await page.focus('#veld-title-nl');
    const stops: string[] = [];
    for (let presses = 0; presses < 80; presses += 1) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      stops.push(now.name || now.id || now.text);
      if (now.text === t.incidents.submitOpen) break;
    }
    expect(stops.at(-1)).toBe(t.incidents.submitOpen);
    expect(stops).toContain('scope');
    expect(stops.filter((name) => name === 'gemeenten')).toEqual([]);
    expect(await page.locator('input[name=gemeenten]').first().isDisabled()).toBe(true);
    await page.check('input[name=scope][value=chosen]');
    expect(await page.locator('input[name=gemeenten]:enabled').count()).toBe(await page.locator('input[name=gemeenten]').count());
    await page.check('input[name=scope][value=all]');
    expect(await page.locator('input[name=gemeenten]:enabled').count()).toBe(0);
  });
});

describe('the keyboard path of a national incident', () => {
  /** Presses Tab until the focused element is the one wanted; returns the presses it took. */
  async function tabTo(page: Page, wanted: (now: Awaited<ReturnType<typeof focused>>) => boolean, what: string, log: string[]): Promise<number> {
    for (let presses = 1; presses <= 80; presses += 1) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      if (wanted(now)) {
        log.push(`${what}: ${presses}`);
        return presses;
      }
    }
    throw new Error(`${what}: not reached with 80 Tab presses (${log.join(', ')})`);
  }
  const byText = (text: string) => (now: { text: string }) => now.text === text;
  /**
   * The confirmation after a submit takes focus through `autofocus`, which the browser applies at
   * its next rendering step after load: a person cannot press Tab before that, a test can.
   */
  const confirmationFocused = (page: Page) => page.waitForFunction(() => document.activeElement?.classList.contains('admin-notice') === true, undefined, { timeout: 5_000 });
  const byId = (id: string) => (now: { id: string }) => now.id === id;

  it('takes at most 40 Tab presses from "Incident openen" to "Ter goedkeuring aanbieden"', async () => {
    const page = await as('composer');
    const log: string[] = [];
    let presses = 0;
    await page.goto(`${harness.origin}/admin/incidenten`);
    await page.focus(`a:has-text("${t.incidents.open}")`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/incidenten\/nieuw$/);
    // The skip link first, then straight into the form.
    presses += await tabTo(page, byText(t.skipLink), 'skip link', log);
    await page.keyboard.press('Enter');
    presses += await tabTo(page, byId('veld-title-nl'), 'title', log);
    // A product no earlier test opened an incident for, so no "same outage?" question comes first.
    await page.keyboard.type('Loket Formulieren niet bereikbaar voor alle gemeenten');
    presses += await tabTo(page, byId('veld-products-loket-formulieren'), 'product', log);
    await page.selectOption('#veld-products-loket-formulieren', 'major_outage');
    presses += await tabTo(page, byId('veld-body-nl'), 'first update', log);
    await page.keyboard.type('Inwoners kunnen geen formulieren versturen. We onderzoeken de oorzaak.');
    presses += await tabTo(page, byText(t.incidents.submitOpen), 'open incident', log);
    await page.keyboard.press('Enter');
    await page.waitForURL(/gedaan=ter_goedkeuring$/);
    await confirmationFocused(page);
    // Focus is on the confirmation; from there to composing the first message.
    presses += await tabTo(page, byText(t.incidents.detail.compose), 'compose', log);
    await page.keyboard.press('Enter');
    // The template this incident needs now is chosen already; its prefilled values need no keys.
    await page.waitForURL(/\/admin\/berichten\/nieuw\?onderwerp=incident:[^&]+&sjabloon=storing-gemeld$/);
    presses += await tabTo(page, byText(t.skipLink), 'skip link', log);
    await page.keyboard.press('Enter');
    presses += await tabTo(page, byText(t.messages.saveDraft), 'save draft', log);
    await page.keyboard.press('Enter');
    await page.waitForURL(/gedaan=message_saved$/);
    await confirmationFocused(page);
    presses += await tabTo(page, byText(t.messages.actions.submit), 'submit for approval', log);
    console.log(`Tab presses: ${presses} (${log.join(', ')})`);
    expect(presses, log.join(', ')).toBeLessThanOrEqual(40);
    await page.keyboard.press('Enter');
    await page.waitForURL(/gedaan=message_submitted$/);
  }, 120_000);
});
