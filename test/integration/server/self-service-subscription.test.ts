import { createServer, type Server } from 'node:http';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSubscriptionRequestHandler } from '../../../src/server/subscription-request-handler.ts';
import { createUnsubscribeRequestHandler } from '../../../src/server/unsubscribe-request-handler.ts';
import { queryAudit } from '../../../src/store/audit-log.ts';
import { listSubscribers } from '../../../src/store/subscriptions-repository.ts';
import { openIncident } from '../../../src/use-cases/incidents/open-incident.ts';
import { approveMessage } from '../../../src/use-cases/messages/approve-message.ts';
import { createDraft } from '../../../src/use-cases/messages/create-draft.ts';
import { submitMessage } from '../../../src/use-cases/messages/submit-message.ts';
import { SUBSCRIPTION_LIMITS } from '../../../src/use-cases/subscriptions/subscription-limits.ts';
import { DRILL_CONTACTS as CONTACTS, incidentUpdateDraft } from '../../support/builders.ts';
import { createTestApp, smtpEnv, type TestApp } from '../../support/test-app.ts';
import { startSmtpSink, type SmtpSink } from '../mail/helpers/smtp-sink.ts';

let t: TestApp;
let sink: SmtpSink;
let web: Server;
let base: string;
/** The client address the handler counts; tests change it to stay clear of the per-client limit. */
let client = '192.0.2.10';

/**
 * Self-service subscription as the app server runs it: the /abonneren and /afmelden hooks on the
 * app's own context over real HTTP on loopback, mail through the app's dispatcher to a real
 * smtp-server, links to this server (HELDER_ADMIN_URL), and a fake clock for the 48-hour expiry.
 */
beforeEach(async () => {
  sink = await startSmtpSink();
  let hooks: Array<(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => Promise<boolean>> = [];
  web = createServer((request, response) => {
    void (async () => {
      for (const hook of hooks) if (await hook(request, response)) return;
      response.writeHead(404).end('not ours');
    })();
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(web.address() as { port: number }).port}`;
  t = await createTestApp({ contacts: CONTACTS, env: { HELDER_ADMIN_URL: base, ...smtpEnv(sink.url) } });
  hooks = [createUnsubscribeRequestHandler(t.app.context), createSubscriptionRequestHandler(t.app.context, { clientOf: () => client })];
});
afterEach(async () => {
  await new Promise<void>((resolve) => web.close(() => resolve()));
  await t.close();
  await sink.close();
});

function post(path: string, fields: Array<[string, string]>, headers: Record<string, string> = {}) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    redirect: 'manual',
    // As from the public status page on another host.
    headers: { Origin: 'https://status.voorbeeldsoftware.nl', 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  });
}

/** Sends what is queued and returns the new mails, parsed. */
async function deliver() {
  const before = sink.received.length;
  await t.app.startDispatcher(() => {}).drain();
  return Promise.all(sink.received.slice(before).map(async (message) => ({ to: message.envelopeTo[0]!, mail: await simpleParser(message.raw) })));
}

async function confirmationLink(email: string): Promise<string> {
  const mails = (await deliver()).filter((entry) => entry.to === email);
  expect(mails).toHaveLength(1);
  const link = new RegExp(`${base}/abonneren/bevestigen/[A-Za-z0-9_-]{43}`).exec(mails[0]!.mail.text ?? '')?.[0];
  expect(link, 'the confirmation mail holds the link').toBeDefined();
  return link!;
}

async function subscribe(email: string, fields: Array<[string, string]>): Promise<void> {
  const response = await post('/abonneren', [['email', email], ...fields]);
  expect(response.status).toBe(200);
  const link = await confirmationLink(email);
  expect((await post(new URL(link).pathname, [])).status).toBe(200);
}

async function approveUpdate(incidentId: string) {
  t.clock.advance(60_000);
  const draft = createDraft(t.ctx, t.people.anouk, incidentUpdateDraft({ subject: { kind: 'incident', id: incidentId } }));
  submitMessage(t.ctx, t.people.anouk, { messageId: draft.id });
  await approveMessage(t.ctx, t.people.bram, { messageId: draft.id });
}

const brpOutage = () =>
  openIncident(t.ctx, t.people.anouk, {
    title: 'Registra BRP niet bereikbaar',
    impact: 'major',
    components: { 'registra-brp': 'major_outage' },
    scope: 'all',
    body: 'Medewerkers kunnen niet inloggen in Registra BRP. We onderzoeken de oorzaak.',
  }).id;

describe('self-service subscription with double opt-in', () => {
  it('answers a new and a known address the same; GET of the link changes nothing, POST confirms; the next approved message reaches the subscriber', async () => {
    const fresh = 'burgerzaken.balie@utrecht.example.nl';
    const known = 'servicedesk.burgerzaken@utrecht.example.nl'; // a contact the vendor keeps
    const answerFresh = await post('/abonneren', [['email', fresh], ['gemeente', 'GM0344'], ['product', 'registra-brp'], ['taal', 'nl']]);
    const answerKnown = await post('/abonneren', [['email', known], ['gemeente', 'GM0344'], ['product', 'registra-brp'], ['taal', 'nl']]);
    expect(answerFresh.status).toBe(answerKnown.status);
    expect((await answerFresh.text()).replace(fresh, 'ADRES')).toBe((await answerKnown.text()).replace(known, 'ADRES'));

    const mails = await deliver();
    expect(mails.map((entry) => entry.to).sort()).toEqual([known, fresh].sort());
    const link = /http:\/\/127\.0\.0\.1:\d+\/abonneren\/bevestigen\/[A-Za-z0-9_-]{43}/.exec(mails.find((entry) => entry.to === fresh)!.mail.text ?? '')![0];
    expect(link.startsWith(`${base}/abonneren/bevestigen/`)).toBe(true);

    // A mail scanner's GET: a page with a confirm button, and nothing subscribed.
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<form method="post" action="\/abonneren\/bevestigen\/[A-Za-z0-9_-]{43}"><button type="submit">Ja, aanmelden<\/button>/);
    expect(html).toContain('Utrecht');
    expect(listSubscribers(t.db)).toEqual([]);

    const confirmed = await post(new URL(link).pathname, []);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('U bent aangemeld');
    const [subscriber] = listSubscribers(t.db);
    expect(subscriber).toMatchObject({ email: fresh, language: 'nl', municipalities: ['GM0344'], products: ['registra-brp'] });
    // The link is used up.
    expect((await post(new URL(link).pathname, [])).status).toBe(404);
    const added = queryAudit(t.db, { action: 'subscriber_added' }).entries;
    expect(added).toHaveLength(1);
    expect(JSON.stringify(added[0])).not.toContain(fresh);

    const incidentId = brpOutage();
    await approveUpdate(incidentId);
    const announcement = (await deliver()).find((entry) => entry.to === fresh);
    expect(announcement, 'the subscriber receives the approved message').toBeDefined();
    const manage = new RegExp(`${base}/abonneren/beheren/s${subscriber!.id}\\.[A-Za-z0-9_-]{22}`).exec(announcement!.mail.text ?? '')?.[0];
    expect(manage, 'the mail carries the manage link').toBeDefined();
    const oneClick = announcement!.mail.headerLines.find((header) => header.key === 'list-unsubscribe')!.line;
    expect(oneClick).toContain(`${base}/afmelden/s${subscriber!.id}.`);
    // The contact who also asked to subscribe gets one copy, as a contact.
    expect(sink.received.filter((message) => message.envelopeTo[0] === known)).toHaveLength(2);
  });

  it('sends only what the subscriber chose: another product or municipality gives no mail', async () => {
    client = '192.0.2.11';
    await subscribe('belastingen@zwolle.example.nl', [['gemeente', 'GM0193'], ['product', 'taxo-belastingen']]);
    await subscribe('alles@eindhoven.example.nl', []);
    await approveUpdate(brpOutage());
    const recipients = (await deliver()).map((entry) => entry.to);
    expect(recipients).toContain('alles@eindhoven.example.nl');
    expect(recipients).not.toContain('belastingen@zwolle.example.nl');
  });

  it('the manage page changes choices and language, and unsubscribes; one-click unsubscribe removes the subscriber', async () => {
    client = '192.0.2.12';
    await subscribe('kcc@amsterdam.example.nl', [['gemeente', 'GM0363']]);
    const [subscriber] = listSubscribers(t.db);
    await approveUpdate(brpOutage());
    const mail = (await deliver()).find((entry) => entry.to === 'kcc@amsterdam.example.nl')!.mail;
    const manage = new URL(/http:\/\/127\.0\.0\.1:\d+\/abonneren\/beheren\/\S+/.exec(mail.text ?? '')![0]).pathname;

    const page = await fetch(`${base}${manage}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('kcc@amsterdam.example.nl');
    expect(html).toMatch(/<input type="checkbox" id="gemeente-GM0363" name="gemeente" value="GM0363" checked>/);

    const saved = await post(manage, [['gemeente', 'GM0363'], ['gemeente', 'GM0599'], ['product', 'zaakstroom'], ['taal', 'en'], ['actie', 'opslaan']]);
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('Your choices have been saved.');
    expect(listSubscribers(t.db)[0]).toMatchObject({ language: 'en', municipalities: ['GM0363', 'GM0599'], products: ['zaakstroom'] });

    const refused = await post(manage, [['gemeente', 'GM9999'], ['taal', 'en'], ['actie', 'opslaan']]);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('The municipality &#34;GM9999&#34; does not exist');

    const gone = await post(manage, [['actie', 'afmelden']]);
    expect(await gone.text()).toContain('Dit adres krijgt geen berichten meer');
    expect(listSubscribers(t.db)).toEqual([]);
    expect(queryAudit(t.db, { action: 'subscriber_unsubscribed' }).entries.map((entry) => entry.subject)).toEqual([{ type: 'subscriber', id: String(subscriber!.id) }]);

    // The one-click header of the earlier mail still answers: already gone, nothing to do.
    const header = mail.headerLines.find((line) => line.key === 'list-unsubscribe')!.line;
    const oneClick = /<([^>]+)>/.exec(header)![1]!;
    const response = await fetch(oneClick, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(200);
  });

  it('one-click unsubscribe (RFC 8058) from an announcement removes the subscriber', async () => {
    client = '192.0.2.13';
    await subscribe('ict@almere.example.nl', [['gemeente', 'GM0034']]);
    await approveUpdate(brpOutage());
    const mail = (await deliver()).find((entry) => entry.to === 'ict@almere.example.nl')!.mail;
    const oneClick = /<([^>]+)>/.exec(mail.headerLines.find((line) => line.key === 'list-unsubscribe')!.line)![1]!;
    const response = await fetch(oneClick, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(200);
    expect(listSubscribers(t.db)).toEqual([]);
  });

  it('an unconfirmed request expires after 48 hours and is deleted', async () => {
    client = '192.0.2.14';
    await post('/abonneren', [['email', 'wijkteam@utrecht.example.nl']]);
    const link = await confirmationLink('wijkteam@utrecht.example.nl');
    t.clock.advance(47 * 3_600_000);
    expect((await fetch(link)).status).toBe(200);
    t.clock.advance(3_600_000);
    const expired = await fetch(link);
    expect(expired.status).toBe(404);
    expect(await expired.text()).toContain('Deze link werkt niet meer');
    expect((t.db.prepare('SELECT count(*) AS n FROM subscription_requests').get() as { n: number }).n).toBe(0);
    // The confirmation mail's outbox rows (with the address) go with the request.
    expect((t.db.prepare("SELECT count(*) AS n FROM outbox_deliveries WHERE recipient = 'wijkteam@utrecht.example.nl'").get() as { n: number }).n).toBe(0);
    expect((await post(new URL(link).pathname, [])).status).toBe(404);
    expect(listSubscribers(t.db)).toEqual([]);
  });

  it('limits per address (same answer, no more mail) and per client (429)', async () => {
    client = '192.0.2.15';
    const email = 'servicedesk@almere.example.nl';
    const answers: string[] = [];
    for (let index = 0; index <= SUBSCRIPTION_LIMITS.perAddressPerHour; index += 1) {
      const response = await post('/abonneren', [['email', email]]);
      expect(response.status).toBe(200);
      answers.push(await response.text());
    }
    expect(new Set(answers).size).toBe(1);
    expect((await deliver()).filter((entry) => entry.to === email)).toHaveLength(SUBSCRIPTION_LIMITS.perAddressPerHour);

    client = '192.0.2.16';
    for (let index = 0; index < SUBSCRIPTION_LIMITS.perClientPerHour; index += 1) {
      expect((await post('/abonneren', [['email', `medewerker${index}@zwolle.example.nl`]])).status).toBe(200);
    }
    const limited = await post('/abonneren', [['email', 'nog.een@zwolle.example.nl']]);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain('te veel aanmeldingen');
  });

  it('refuses bad input with an error summary that links to the field, and serves the privacy page', async () => {
    client = '192.0.2.17';
    const refused = await post('/abonneren', [['email', 'geen-adres'], ['gemeente', 'GM0344']]);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('<div class="summary" role="alert"');
    expect(html).toMatch(/<a href="#email">[^<]+<\/a>/);
    expect(html).toMatch(/id="gemeente-GM0344" name="gemeente" value="GM0344" checked/);
    expect(sink.received).toHaveLength(0);

    const privacy = await fetch(`${base}/abonneren/privacy`);
    expect(privacy.status).toBe(200);
    expect(await privacy.text()).toContain('48 uur');
    const english = await fetch(`${base}/abonneren/privacy?taal=en`);
    expect(await english.text()).toContain('<html lang="en">');
  });
});
