import { createServer, type Server } from 'node:http';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCapturedMail, readCapturedMailFile } from '../../../src/mail/captured-mail.ts';
import { createUnsubscribeRequestHandler } from '../../../src/server/unsubscribe-request-handler.ts';
import { queryAudit } from '../../../src/store/audit-log.ts';
import { listContacts } from '../../../src/store/contacts-repository.ts';
import { openIncident } from '../../../src/use-cases/incidents/open-incident.ts';
import { approveMessage } from '../../../src/use-cases/messages/approve-message.ts';
import { createDraft } from '../../../src/use-cases/messages/create-draft.ts';
import { submitMessage } from '../../../src/use-cases/messages/submit-message.ts';
import { DRILL_CONTACTS as CONTACTS, incidentUpdateDraft } from '../../support/builders.ts';
import { createTestApp, smtpEnv, type TestApp } from '../../support/test-app.ts';
import { startSmtpSink, type SmtpSink } from '../mail/helpers/smtp-sink.ts';

let t: TestApp;
let sink: SmtpSink;
let web: Server;
let base: string;
let incidentId: string;

/**
 * The unsubscribe hook as the app server runs it (before Astro, for the RFC 8058 POST without
 * cookies or Origin), on the app's own context; mail goes out through the app's dispatcher to a
 * real smtp-server, with links to this server (HELDER_ADMIN_URL).
 */
beforeEach(async () => {
  sink = await startSmtpSink();
  let handle: ReturnType<typeof createUnsubscribeRequestHandler> | null = null;
  web = createServer((request, response) => {
    void (handle ? handle(request, response) : Promise.resolve(false)).then((handled) => {
      if (!handled) response.writeHead(404).end('not ours');
    });
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(web.address() as { port: number }).port}`;
  t = await createTestApp({
    contacts: CONTACTS,
    env: { HELDER_ADMIN_URL: base, ...smtpEnv(sink.url) },
  });
  handle = createUnsubscribeRequestHandler(t.app.context);
  incidentId = openIncident(t.ctx, t.people.anouk, {
    title: 'Registra BRP niet bereikbaar',
    impact: 'major',
    components: { 'registra-brp': 'major_outage' },
    scope: 'all',
    body: 'Medewerkers kunnen niet inloggen in Registra BRP. We onderzoeken de oorzaak.',
  }).id;
});
afterEach(async () => {
  await new Promise<void>((resolve) => web.close(() => resolve()));
  await t.close();
  await sink.close();
});

/** Approves one update to the current audience, sends it, and returns each recipient's List-Unsubscribe URL. */
async function sendAnnouncement(): Promise<Map<string, string>> {
  t.clock.advance(60_000);
  const draft = createDraft(t.ctx, t.people.anouk, incidentUpdateDraft({ subject: { kind: 'incident', id: incidentId } }));
  submitMessage(t.ctx, t.people.anouk, { messageId: draft.id });
  // The approvers' "wacht op uw goedkeuring" mail goes first; only the announcement counts here.
  await t.app.startDispatcher(() => {}).drain();
  await approveMessage(t.ctx, t.people.bram, { messageId: draft.id });
  const before = sink.received.length;
  await t.app.startDispatcher(() => {}).drain();
  const links = new Map<string, string>();
  for (const message of sink.received.slice(before)) {
    const mail = await simpleParser(message.raw);
    const line = mail.headerLines.find((header) => header.key === 'list-unsubscribe')!.line.replace(/\r?\n\s+/g, ' ');
    links.set(message.envelopeTo[0]!, /<([^>]+)>/.exec(line)![1]!);
  }
  return links;
}

describe('one-click unsubscribe (RFC 8058), end to end', () => {
  it('a POST without cookies or Origin unsubscribes exactly that address; it is in no later audience', async () => {
    const links = await sendAnnouncement();
    expect([...links.keys()].sort()).toEqual(CONTACTS.map((contact) => contact.email).sort());
    const link = links.get('functioneelbeheer@rotterdam.example.nl')!;
    expect(link.startsWith(`${base}/afmelden/c`)).toBe(true);

    // What Gmail/Outlook send: a bare POST, no cookies, no Origin header.
    const response = await fetch(link, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    // Repeated POSTs are harmless.
    expect((await fetch(link, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(200);

    const rotterdam = listContacts(t.db).find((contact) => contact.email === 'functioneelbeheer@rotterdam.example.nl')!;
    expect(rotterdam.unsubscribedVia).toBe('one_click');
    expect(rotterdam.unsubscribedAt).toEqual(t.clock.now());
    expect(listContacts(t.db, { unsubscribedOnly: true }).map((contact) => contact.email)).toEqual(['functioneelbeheer@rotterdam.example.nl']);
    const audit = queryAudit(t.db, { action: 'subscriber_unsubscribed' }).entries;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ email: 'functioneelbeheer@rotterdam.example.nl', via: 'one_click' });

    const next = await sendAnnouncement();
    expect([...next.keys()].sort()).toEqual(['applicatiebeheer@amsterdam.example.nl', 'burgerzaken@eindhoven.example.nl', 'servicedesk.burgerzaken@utrecht.example.nl']);
  });

  it('multipart/form-data one-click bodies are accepted too', async () => {
    const links = await sendAnnouncement();
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const response = await fetch(links.get('applicatiebeheer@amsterdam.example.nl')!, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    expect(listContacts(t.db, { unsubscribedOnly: true }).map((contact) => contact.email)).toEqual(['applicatiebeheer@amsterdam.example.nl']);
  });

  it('GET only shows a confirmation form (link scanners must not unsubscribe anyone); the form works without JavaScript', async () => {
    const link = (await sendAnnouncement()).get('servicedesk.burgerzaken@utrecht.example.nl')!;
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('servicedesk.burgerzaken@utrecht.example.nl');
    expect(html).toMatch(/<form method="post" action="\/afmelden\/c\d+\.[A-Za-z0-9_-]{22}"><input type="hidden" name="bevestig" value="ja">/);
    expect(listContacts(t.db, { unsubscribedOnly: true })).toEqual([]);

    const confirmed = await fetch(link, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'bevestig=ja' });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('U bent afgemeld');
    expect(listContacts(t.db, { unsubscribedOnly: true })[0]!.unsubscribedVia).toBe('link');
  });

  it('a tampered token is refused and changes nothing', async () => {
    const link = (await sendAnnouncement()).get('servicedesk.burgerzaken@utrecht.example.nl')!;
    const forged = link.replace(/\/c(\d+)\./, (_match, id: string) => `/c${Number(id) + 1}.`);
    expect((await fetch(forged, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(404);
    expect((await fetch(forged)).status).toBe(404);
    expect((await fetch(`${base}/afmelden/c1.${'A'.repeat(22)}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(404);
    expect(listContacts(t.db, { unsubscribedOnly: true })).toEqual([]);
    expect((await fetch(`${base}/niet-van-ons`)).status).toBe(404);
  });
});

describe('the unsubscribe link of a drill mail', () => {
  it('is a drill-only link: a one-click POST or the confirmation form changes nothing for the real contact', async () => {
    const drillIncident = openIncident(t.drill, t.people.anouk, {
      title: 'Oefening: Registra BRP niet bereikbaar',
      impact: 'major',
      components: { 'registra-brp': 'major_outage' },
      scope: 'all',
      body: 'Oefening: medewerkers kunnen niet inloggen in Registra BRP.',
    }).id;
    t.clock.advance(60_000);
    const draft = createDraft(t.drill, t.people.anouk, incidentUpdateDraft({ subject: { kind: 'incident', id: drillIncident } }));
    submitMessage(t.drill, t.people.anouk, { messageId: draft.id });
    await approveMessage(t.drill, t.people.bram, { messageId: draft.id });
    await t.app.startDispatcher(() => {}).drain();
    expect(sink.received).toHaveLength(0);
    const captured = listCapturedMail(t.db, { outboxMessageId: draft.id });
    expect(captured.map((mail) => mail.recipient).sort()).toEqual(CONTACTS.map((contact) => contact.email).sort());
    for (const summary of captured) {
      const mail = await simpleParser(readCapturedMailFile(t.db, t.dataDir, summary.id)!);
      const line = mail.headerLines.find((header) => header.key === 'list-unsubscribe')!.line.replace(/\r?\n\s+/g, ' ');
      const link = /<([^>]+)>/.exec(line)![1]!;
      // Not the contact's own token ("c<id>"): a drill token that names only this captured delivery.
      expect(link).toMatch(new RegExp(`^${base}/afmelden/d\\d+\\.`));
      expect(mail.text).toContain(link);
      expect((await fetch(link, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
      const confirmation = await fetch(link);
      expect(await confirmation.text()).toContain('Er is niemand afgemeld');
      expect((await fetch(link, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'bevestig=ja' })).status).toBe(200);
    }
    expect(listContacts(t.db, { unsubscribedOnly: true })).toEqual([]);
    expect(queryAudit(t.db, { action: 'subscriber_unsubscribed' }).entries).toEqual([]);
  });
});
