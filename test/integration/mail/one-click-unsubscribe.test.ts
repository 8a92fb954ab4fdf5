import { createServer, type Server } from 'node:http';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUnsubscribeRequestHandler } from '../../../src/admin/unsubscribe-request-handler.ts';
import { selectRecipients } from '../../../src/domain/recipients.ts';
import type { Municipality } from '../../../src/domain/municipality.ts';
import { startDispatcher } from '../../../src/mail/dispatcher.ts';
import { createSmtpTransport } from '../../../src/mail/smtp-transport.ts';
import { queryAudit } from '../../../src/store/audit-log.ts';
import { listContacts } from '../../../src/store/contacts-repository.ts';
import { enqueueMessage } from '../../../src/store/outbox-repository.ts';
import { CONTACTS, createTestStore, mailConfig, renderings, seedContacts, smtpSettings, type TestStore } from './helpers/fixture.ts';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.ts';

const MUNICIPALITIES: Municipality[] = [
  { id: 'GM0344', name: 'Utrecht', products: ['registra-brp', 'zaakstroom'] },
  { id: 'GM0363', name: 'Amsterdam', products: ['registra-brp'] },
  { id: 'GM0599', name: 'Rotterdam', products: ['registra-brp'] },
];
const INCIDENT = { components: ['registra-brp'], scope: 'all' as const };

let store: TestStore;
let sink: SmtpSink;
let web: Server;
let base: string;

beforeEach(async () => {
  store = createTestStore();
  sink = await startSmtpSink();
  const handle = createUnsubscribeRequestHandler({ db: store.db, clock: store.clock });
  web = createServer((request, response) => {
    void handle(request, response).then((handled) => {
      if (!handled) response.writeHead(404).end('not ours');
    });
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(web.address() as { port: number }).port}`;
});
afterEach(async () => {
  await new Promise<void>((resolve) => web.close(() => resolve()));
  await sink.close();
  store.cleanup();
});

/** Sends one announcement to the current audience and returns each recipient's List-Unsubscribe URL. */
async function sendAnnouncement(id: string): Promise<Map<string, string>> {
  const audience = selectRecipients(INCIDENT, MUNICIPALITIES, listContacts(store.db));
  enqueueMessage(store.db, {
    messageId: id,
    threadKey: 'storing-registra-brp',
    drill: false,
    approvedAt: store.clock.now(),
    renderings: renderings('Storing Registra BRP'),
    recipients: audience.map((recipient) => ({ contactId: recipient.contactId, address: recipient.email, lang: recipient.language })),
  });
  const transport = createSmtpTransport(smtpSettings(sink.url));
  const dispatcher = startDispatcher({ db: store.db, transport, config: mailConfig({ serverUrl: base }), clock: store.clock, autoRun: false });
  const before = sink.received.length;
  await dispatcher.drain();
  await dispatcher.stop();
  await transport.close();
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
    seedContacts(store.db, CONTACTS, store.clock.now());
    const links = await sendAnnouncement('msg-1');
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

    const rotterdam = listContacts(store.db).find((contact) => contact.email === 'functioneelbeheer@rotterdam.example.nl')!;
    expect(rotterdam.unsubscribedVia).toBe('one_click');
    expect(rotterdam.unsubscribedAt).toEqual(store.clock.now());
    expect(listContacts(store.db, { unsubscribedOnly: true }).map((contact) => contact.email)).toEqual(['functioneelbeheer@rotterdam.example.nl']);
    const audit = queryAudit(store.db, { action: 'subscriber_unsubscribed' }).entries;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ email: 'functioneelbeheer@rotterdam.example.nl', via: 'one_click' });

    const next = await sendAnnouncement('msg-2');
    expect([...next.keys()].sort()).toEqual(['applicatiebeheer@amsterdam.example.nl', 'servicedesk.burgerzaken@utrecht.example.nl']);
  });

  it('multipart/form-data one-click bodies are accepted too', async () => {
    seedContacts(store.db, CONTACTS, store.clock.now());
    const links = await sendAnnouncement('msg-1');
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const response = await fetch(links.get('applicatiebeheer@amsterdam.example.nl')!, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    expect(listContacts(store.db, { unsubscribedOnly: true }).map((contact) => contact.email)).toEqual(['applicatiebeheer@amsterdam.example.nl']);
  });

  it('GET only shows a confirmation form (link scanners must not unsubscribe anyone); the form works without JavaScript', async () => {
    seedContacts(store.db, CONTACTS, store.clock.now());
    const link = (await sendAnnouncement('msg-1')).get('servicedesk.burgerzaken@utrecht.example.nl')!;
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('servicedesk.burgerzaken@utrecht.example.nl');
    expect(html).toMatch(/<form method="post" action="\/afmelden\/c\d+\.[A-Za-z0-9_-]{22}"><input type="hidden" name="bevestig" value="ja">/);
    expect(listContacts(store.db, { unsubscribedOnly: true })).toEqual([]);

    const confirmed = await fetch(link, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'bevestig=ja' });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('U bent afgemeld');
    expect(listContacts(store.db, { unsubscribedOnly: true })[0]!.unsubscribedVia).toBe('link');
  });

  it('a tampered token is refused and changes nothing', async () => {
    seedContacts(store.db, CONTACTS, store.clock.now());
    const link = (await sendAnnouncement('msg-1')).get('servicedesk.burgerzaken@utrecht.example.nl')!;
    const forged = link.replace(/\/c(\d+)\./, (_match, id: string) => `/c${Number(id) + 1}.`);
    expect((await fetch(forged, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(404);
    expect((await fetch(forged)).status).toBe(404);
    expect((await fetch(`${base}/afmelden/c1.${'A'.repeat(22)}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(404);
    expect(listContacts(store.db, { unsubscribedOnly: true })).toEqual([]);
    expect((await fetch(`${base}/niet-van-ons`)).status).toBe(404);
  });
});
