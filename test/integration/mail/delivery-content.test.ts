import { simpleParser, type AddressObject } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDispatcher } from '../../../src/mail/dispatcher.ts';
import { createSmtpTransport } from '../../../src/mail/smtp-transport.ts';
import { enqueueMessage, listDeliveries } from '../../../src/store/outbox-repository.ts';
import { CONTACTS, createTestStore, mailConfig, renderings, seedContacts, smtpSettings, type TestStore } from './helpers/fixture.ts';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.ts';

let store: TestStore;
let sink: SmtpSink;

beforeEach(async () => {
  store = createTestStore();
  sink = await startSmtpSink();
});
afterEach(async () => {
  await sink.close();
  store.close();
});

function headerLine(mail: { headerLines: ReadonlyArray<{ key: string; line: string }> }, key: string): string | undefined {
  return mail.headerLines.find((header) => header.key === key)?.line.replace(/\r?\n\s+/g, ' ');
}

function addressesOf(value: AddressObject | AddressObject[] | undefined): string[] {
  return (Array.isArray(value) ? value : value ? [value] : []).flatMap((object) => object.value.map((entry) => entry.address ?? ''));
}

describe('what a municipality receives', () => {
  it('gets one multipart message per recipient, in its language, with a personal unsubscribe link and thread headers', async () => {
    const ids = seedContacts(store.db, CONTACTS, store.clock.now());
    const recipients = CONTACTS.map((contact, index) => ({ contactId: ids[index]!, address: contact.email, lang: contact.language ?? 'nl' }));
    enqueueMessage(store.db, {
      messageId: 'msg-brp-storing-1',
      threadKey: 'storing-registra-brp-2026-11-27',
      drill: false,
      approvedAt: store.clock.now(),
      renderings: renderings('Storing Registra BRP: verhuizingen niet mogelijk', 'Outage Registra BRP: change of address unavailable'),
      recipients,
    });
    const transport = createSmtpTransport(smtpSettings(sink.url));
    const dispatcher = startDispatcher({ db: store.db, transport, config: mailConfig(), clock: store.clock, autoRun: false });
    await dispatcher.drain();

    expect(sink.received).toHaveLength(3);
    const first = listDeliveries(store.db, 'msg-brp-storing-1');
    expect(first.map((delivery) => delivery.status)).toEqual(['sent', 'sent', 'sent']);
    expect(first[0]!.lastReply).toMatch(/^250/);

    const parsed = await Promise.all(sink.received.map((message) => simpleParser(message.raw)));
    const links = new Set<string>();
    for (const [index, mail] of parsed.entries()) {
      const envelopeTo = sink.received[index]!.envelopeTo;
      expect(envelopeTo).toHaveLength(1);
      expect(addressesOf(mail.to)).toEqual(envelopeTo);
      const contactIndex = CONTACTS.findIndex((contact) => contact.email === envelopeTo[0]);
      const contact = CONTACTS[contactIndex]!;
      expect(mail.subject).toBe(contact.language === 'en' ? 'Outage Registra BRP: change of address unavailable' : 'Storing Registra BRP: verhuizingen niet mogelijk');
      expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
      expect(mail.text).toContain(contact.language === 'en' ? 'Registra BRP is disrupted.' : 'Registra BRP is verstoord.');
      expect(mail.html).toContain('<a href="https://status.leverancier.example.nl/afmelden/c');
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
      expect(headerLine(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      const listUnsubscribe = { url: /^List-Unsubscribe: <([^>]+)>$/.exec(headerLine(mail, 'list-unsubscribe') ?? '')?.[1] ?? '' };
      const personal = `https://status.leverancier.example.nl/afmelden/c${ids[contactIndex]}.`;
      expect(listUnsubscribe.url.startsWith(personal)).toBe(true);
      expect(mail.text).toContain(listUnsubscribe.url);
      expect(mail.html).toContain(listUnsubscribe.url);
      expect(mail.text).not.toContain('helder.invalid');
      links.add(listUnsubscribe.url);
      expect(mail.messageId).toBe(first.find((delivery) => delivery.recipient === contact.email)!.smtpMessageId);
      expect(mail.messageId).toMatch(/^<d\d+\.msg-brp-storing-1\.[0-9a-f]{12}@leverancier\.example\.nl>$/);
      expect(mail.inReplyTo).toBeUndefined();
      expect(addressesOf(mail.replyTo)).toEqual(['klantenservice@leverancier.example.nl']);
    }
    expect(links.size).toBe(3);

    // The update about the same incident threads under the first message, per recipient.
    store.clock.advance(30 * 60_000);
    enqueueMessage(store.db, {
      messageId: 'msg-brp-storing-2',
      threadKey: 'storing-registra-brp-2026-11-27',
      drill: false,
      approvedAt: store.clock.now(),
      renderings: renderings('Storing Registra BRP: verhuizingen niet mogelijk', 'Outage Registra BRP: change of address unavailable'),
      recipients,
    });
    await dispatcher.drain();
    expect(sink.received).toHaveLength(6);
    const second = listDeliveries(store.db, 'msg-brp-storing-2');
    for (const message of sink.received.slice(3)) {
      const mail = await simpleParser(message.raw);
      const recipient = message.envelopeTo[0]!;
      const earlier = first.find((delivery) => delivery.recipient === recipient)!.smtpMessageId!;
      expect(mail.inReplyTo).toBe(earlier);
      expect(mail.references).toBe(earlier);
      expect(mail.messageId).toBe(second.find((delivery) => delivery.recipient === recipient)!.smtpMessageId);
    }
    await dispatcher.stop();
    await transport.close();
  });
});
