import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCapturedMail, readCapturedMail, readCapturedMailFile } from '../../../src/mail/captured-mail.ts';
import { createMailTransport } from '../../../src/mail/create-mail-transport.ts';
import { startDispatcher } from '../../../src/mail/dispatcher.ts';
import { createSmtpTransport } from '../../../src/mail/smtp-transport.ts';
import type { MailTransport } from '../../../src/mail/mail-transport.ts';
import { enqueueMessage, listDeliveries } from '../../../src/store/outbox-repository.ts';
import { createTestStore, mailConfig, renderings, smtpSettings, type TestStore } from './helpers/fixture.ts';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.ts';

let store: TestStore;
let sink: SmtpSink;
let transport: MailTransport | undefined;

beforeEach(async () => {
  store = createTestStore();
  sink = await startSmtpSink();
});
afterEach(async () => {
  await transport?.close();
  await sink.close();
  store.close();
});

const RECIPIENTS = [
  { contactId: null, address: 'servicedesk@utrecht.example.nl', lang: 'nl' as const },
  { contactId: null, address: 'applicatiebeheer@amsterdam.example.nl', lang: 'en' as const },
];

function enqueue(id: string, drill: boolean) {
  enqueueMessage(store.db, {
    messageId: id,
    threadKey: drill ? 'oefening-landelijke-storing-brp' : 'storing-registra-brp',
    drill,
    approvedAt: store.clock.now(),
    renderings: renderings('Landelijke storing Registra BRP', 'Nationwide outage Registra BRP'),
    recipients: RECIPIENTS,
  });
}

async function run(config: Parameters<typeof createMailTransport>[0]) {
  transport = createMailTransport(config, { db: store.db, clock: store.clock });
  const dispatcher = startDispatcher({ db: store.db, transport, config: mailConfig(), clock: store.clock, autoRun: false });
  await dispatcher.drain();
  await dispatcher.stop();
}

describe('drill mail never leaves', () => {
  it('a drill message with a live SMTP server configured opens zero connections and is captured per recipient', async () => {
    enqueue('msg-oefening-1', true);
    await run({ smtp: smtpSettings(sink.url), dataDir: join(store.dir, 'data'), drillMode: false });
    expect(sink.connections).toBe(0);
    expect(listDeliveries(store.db, 'msg-oefening-1').map((delivery) => delivery.status)).toEqual(['sent', 'sent']);
    const captured = listCapturedMail(store.db, { outboxMessageId: 'msg-oefening-1' });
    expect(captured.map((mail) => mail.recipient).sort()).toEqual(['applicatiebeheer@amsterdam.example.nl', 'servicedesk@utrecht.example.nl']);
    expect(captured.every((mail) => mail.drill && mail.reason === 'drill')).toBe(true);
    const dutch = captured.find((mail) => mail.recipient === 'servicedesk@utrecht.example.nl')!;
    expect(dutch.subject).toBe('[OEFENING / DRILL] Landelijke storing Registra BRP');
    // The .eml is the exact MIME message the recipient would have received.
    const parsed = await simpleParser(readCapturedMailFile(store.db, join(store.dir, 'data'), dutch.id)!);
    expect(parsed.subject).toBe('[OEFENING / DRILL] Landelijke storing Registra BRP');
    expect(parsed.messageId).toBe(dutch.messageIdHeader);
    // A drill-only unsubscribe link (d<delivery>): a click in the capture changes nothing.
    expect(parsed.text).toMatch(/https:\/\/status\.leverancier\.example\.nl\/afmelden\/d\d+\./);
    expect(readCapturedMail(store.db, dutch.id)!.html).toBe(parsed.html);
  });

  it('the same flow outside a drill delivers over SMTP', async () => {
    enqueue('msg-echt-1', false);
    await run({ smtp: smtpSettings(sink.url), dataDir: join(store.dir, 'data'), drillMode: false });
    expect(sink.received).toHaveLength(2);
    expect(listCapturedMail(store.db)).toEqual([]);
  });

  it('HELDER_MODE=drill captures every message, drill or not', async () => {
    enqueue('msg-echt-2', false);
    await run({ smtp: smtpSettings(sink.url), dataDir: join(store.dir, 'data'), drillMode: true });
    expect(sink.connections).toBe(0);
    const captured = listCapturedMail(store.db, { outboxMessageId: 'msg-echt-2' });
    expect(captured.map((mail) => mail.reason)).toEqual(['drill_mode', 'drill_mode']);
  });

  it('without SMTP_URL mail goes to the local mailbox as real .eml files', async () => {
    enqueue('msg-lokaal-1', false);
    await run({ smtp: null, dataDir: join(store.dir, 'data'), drillMode: false });
    const captured = listCapturedMail(store.db, { drill: false });
    expect(captured).toHaveLength(2);
    const full = readCapturedMail(store.db, captured[0]!.id)!;
    expect(full.reason).toBe('no_smtp');
    const eml = readFileSync(join(store.dir, 'data', 'mail', full.file), 'utf8');
    expect(eml).toMatch(/^From: "Storingsdienst Leverancier" <storingen@leverancier\.example\.nl>\r\n/);
    expect(full.file.startsWith(join('lokaal', 'msg-lokaal-1'))).toBe(true);
  });

  it('the SMTP sender itself refuses a drill delivery, and the attempt is recorded as refused', async () => {
    enqueue('msg-oefening-2', true);
    transport = createSmtpTransport(smtpSettings(sink.url));
    const events: string[] = [];
    const dispatcher = startDispatcher({
      db: store.db,
      transport,
      config: mailConfig(),
      clock: store.clock,
      autoRun: false,
      log: (event) => {
        if (event.type === 'drill_refused') events.push(event.message);
      },
    });
    await dispatcher.drain();
    await dispatcher.stop();
    expect(sink.connections).toBe(0);
    const deliveries = listDeliveries(store.db, 'msg-oefening-2');
    expect(deliveries.map((delivery) => [delivery.status, delivery.lastErrorCode])).toEqual([
      ['failed', 'EDRILL'],
      ['failed', 'EDRILL'],
    ]);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatch(/^Refused to send drill delivery \d+ of message "msg-oefening-2"/);
    const attempts = store.db.prepare("SELECT outcome FROM outbox_attempts WHERE outcome = 'refused'").all();
    expect(attempts).toHaveLength(2);
  });
});
