import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCapturedMail } from '../../src/mail/captured-mail.ts';
import { launchChromium } from '../support/chromium.ts';
import { PEOPLE, startAdmin, type AdminHarness, type Person } from '../integration/admin/admin-harness.ts';

/**
 * A whole drill in Chromium with two people, from scenario start to report. Bram (approver)
 * leads the drill and approves; Anouk (composer) writes the message. The instance runs with
 * HELDER_MODE=drill, so every screen is the training environment.
 */
let harness: AdminHarness;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  harness = await startAdmin({ env: { HELDER_MODE: 'drill', HELDER_SITE_URL: 'https://status.voorbeeldsoftware.nl' } });
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await harness?.close();
});

async function signIn(person: Person): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${harness.origin}/admin/aanmelden`);
  await page.fill('[name="email"]', PEOPLE[person].email);
  await page.fill('[name="password"]', PEOPLE[person].password);
  await page.click('main button[type="submit"]');
  await page.waitForURL((url) => url.pathname === '/admin');
  return page;
}

/** The banner every drill screen and every screen of a training instance carries. */
async function expectDrillBanner(page: Page): Promise<void> {
  await expect(page.locator('.admin-banner').first().innerText()).resolves.toMatch(/OEFENING \/ DRILL|OEFENOMGEVING/);
}

async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.slice(0, 2).map((node) => node.target.join(' ')).join(', ')}`), what).toEqual([]);
}

describe('a drill in the browser, two people, from scenario to report', () => {
  let bram: Page;
  let anouk: Page;
  let drillPath: string;
  let incidentId: string;
  let messagePath: string;

  it('the leader starts the national Registra BRP scenario and assigns the roles', async () => {
    bram = await signIn('approver');
    await bram.goto(`${harness.origin}/admin/oefeningen`);
    await expectDrillBanner(bram);
    await bram.selectOption('[name="scenario_id"]', 'landelijke-storing-registra-brp');
    await bram.selectOption('[name="role_incident_manager"]', String(harness.userIds.approver));
    await bram.selectOption('[name="role_composer"]', String(harness.userIds.composer));
    await bram.selectOption('[name="role_approver"]', String(harness.userIds.approver));
    await bram.click('button:has-text("Oefening starten")');
    await bram.waitForURL(/\/admin\/oefeningen\/\d+\?klaar=started$/);
    drillPath = new URL(bram.url()).pathname;
    await expect(bram.locator('.admin-notice').innerText()).resolves.toContain('De oefening is gestart.');
    await expectDrillBanner(bram);
    await expect(bram.locator('#rollen + dl').innerText()).resolves.toMatch(/Opsteller\s+Anouk de Vries/);
    const incidentHref = await bram.locator('#onderwerpen ~ ul a').first().getAttribute('href');
    incidentId = incidentHref!.split('/').at(-1)!;
    expect(incidentId).toMatch(/oefening-registra-brp-niet-bereikbaar/);
    await expectNoAxeViolations(bram, 'drill page');
  }, 120_000);

  it('the leader injects the first signal from the scenario', async () => {
    await bram.click('#meldingen ~ ol li:first-child button:has-text("Inbrengen")');
    await bram.waitForURL(/klaar=injected/);
    await expect(bram.locator('#tijdlijn ~ ol').innerText()).resolves.toContain('Meer gemeenten melden problemen');
  }, 60_000);

  it('the composer writes the first message through the normal compose screen and submits it', async () => {
    anouk = await signIn('composer');
    await expectDrillBanner(anouk);
    await anouk.goto(`${harness.origin}/admin/berichten/nieuw?onderwerp=incident:${incidentId}&sjabloon=storing-gemeld`);
    await expectDrillBanner(anouk);
    await anouk.fill('[name="var_symptoms"]', 'Medewerkers van Burgerzaken kunnen niet inloggen in Registra BRP. Paspoortaanvragen blijven hangen.');
    await anouk.click('button[value="opslaan"]');
    await anouk.waitForURL(/\/admin\/berichten\/[^/?]+(\?.*)?$/);
    messagePath = new URL(anouk.url()).pathname;
    await anouk.click('button[value="indienen"]');
    await anouk.waitForLoadState('load');
    await expect(anouk.locator('main').innerText()).resolves.toContain('Wacht op goedkeuring');
    // Four-eyes: the author sees no approve button on her own message.
    await expect(anouk.locator('button[value="goedkeuren"]').count()).resolves.toBe(0);
  }, 120_000);

  it('the approver, a different person, approves; the message is "sent" to the capture only', async () => {
    await bram.goto(`${harness.origin}${messagePath}`);
    await expectDrillBanner(bram);
    await bram.click('button[value="goedkeuren"]');
    await bram.waitForLoadState('load');
    const messageId = messagePath.split('/').at(-1)!;
    await expect.poll(() => listCapturedMail(harness.db, { outboxMessageId: messageId }).length, { timeout: 20_000 }).toBeGreaterThan(0);
    const captured = listCapturedMail(harness.db, { outboxMessageId: messageId });
    expect(captured.map((mail) => mail.recipient).sort()).toEqual(['applicatiebeheer@amsterdam.nl', 'burgerzaken@eindhoven.nl', 'servicedesk@utrecht.nl']);
    expect(captured.every((mail) => /OEFENING \/ DRILL/.test(mail.subject))).toBe(true);
  }, 120_000);

  it('the drill page shows the timeline and the captured message per recipient; the leader ends the drill', async () => {
    await bram.goto(`${harness.origin}${drillPath}`);
    const timeline = await bram.locator('#tijdlijn ~ ol').innerText();
    for (const step of ['Oefening gestart', 'Incident geopend', 'Melding ingebracht', 'Eerste concept', 'Ter goedkeuring aangeboden', 'Goedgekeurd', 'Verstuurd']) expect(timeline).toContain(step);
    const recipients = await bram.locator('#berichten ~ article table tbody td:first-child').allInnerTexts();
    expect(recipients.sort()).toEqual(['applicatiebeheer@amsterdam.nl', 'burgerzaken@eindhoven.nl', 'servicedesk@utrecht.nl']);
    const download = bram.waitForEvent('download');
    await bram.locator('#berichten ~ article a:has-text("Download .eml")').first().click();
    const eml = await (await download).path();
    expect(eml).toBeTruthy();

    await anouk.goto(`${harness.origin}${drillPath}`);
    await anouk.fill('[name="notes"]', 'Goed: binnen het kwartier een eerste bericht. Beter: Rotterdam en Den Haag meteen meenemen.');
    await anouk.click('button:has-text("Evaluatie opslaan")');
    await anouk.waitForURL(/klaar=notes/);
    // The composer cannot end a drill: the button is not there.
    await expect(anouk.locator('button:has-text("Oefening beëindigen")').count()).resolves.toBe(0);

    await bram.goto(`${harness.origin}${drillPath}`);
    await bram.click('button:has-text("Oefening beëindigen")');
    // It asks first, with the focus on the question.
    await bram.waitForSelector('#bevestig-einde');
    expect(await bram.evaluate(() => document.activeElement?.id)).toBe('bevestig-einde');
    await bram.click('button:has-text("Ja, oefening beëindigen")');
    await bram.waitForURL(/klaar=ended/);
    await expect(bram.locator('.facts .state').first().innerText()).resolves.toBe('Beëindigd');
  }, 120_000);

  it('the printable report shows the times against the targets, what went wrong and the evaluation; JSON export too', async () => {
    await bram.goto(`${harness.origin}${drillPath}/rapport`);
    await expectDrillBanner(bram);
    const report = await bram.locator('main').innerText();
    expect(report).toContain('Tijd tot eerste bericht');
    expect(report).toContain('≤ 15 min');
    expect(report).toContain('Wat ging er mis');
    // The scenario's outage is national; the first message went to three municipalities only.
    expect(report).toMatch(/Te weinig gemeenten: dit bericht ging niet naar .*Rotterdam|Geen actieve contactpersoon bij/);
    expect(report).toContain('Goed: binnen het kwartier een eerste bericht.');
    await expectNoAxeViolations(bram, 'report');
    await bram.emulateMedia({ media: 'print' });
    await expect(bram.locator('.site-header').isVisible()).resolves.toBe(false);
    await expect(bram.locator('.admin-banner').first().isVisible()).resolves.toBe(true);
    await bram.emulateMedia({ media: 'screen' });

    const response = await bram.request.get(`${harness.origin}${drillPath}/rapport.json`);
    expect(response.status()).toBe(200);
    const json = (await response.json()) as { format: string; complete: boolean; firstCommunication: { seconds: number }; timeline: unknown[] };
    expect(json.format).toBe('helder.drill-report.v1');
    expect(json.complete).toBe(true);
    expect(json.firstCommunication.seconds).toBeGreaterThanOrEqual(0);
    expect(json.timeline.length).toBeGreaterThan(8);
  }, 120_000);

  it('the list of drills shows this one with its figures, and the preview shows the drill incident inside the admin', async () => {
    await bram.goto(`${harness.origin}/admin/oefeningen`);
    const row = await bram.locator('table tbody tr').first().innerText();
    expect(row).toContain('Landelijke storing Registra BRP');
    await expectNoAxeViolations(bram, 'drill list');
    await bram.goto(`${harness.origin}${drillPath}/voorbeeld`);
    await expectDrillBanner(bram);
    await expect(bram.locator('.drill-preview-item').first().innerText()).resolves.toContain('Oefening: Registra BRP niet bereikbaar');
  }, 120_000);
});
