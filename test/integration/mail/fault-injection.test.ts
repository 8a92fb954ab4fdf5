import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDispatcher } from '../../../src/mail/dispatcher.ts';
import { createSmtpTransport } from '../../../src/mail/smtp-transport.ts';
import type { MailTransport } from '../../../src/mail/mail-transport.ts';
import type { UnknownPolicy } from '../../../src/domain/delivery-status.ts';
import { enqueueMessage, listDeliveries, type DeliveryView } from '../../../src/store/outbox-repository.ts';
import { createTestStore, mailConfig, renderings, smtpSettings, type TestStore } from './helpers/fixture.ts';
import { smtpError, startSmtpSink, type SinkBehaviour, type SmtpSink } from './helpers/smtp-sink.ts';

const RECIPIENTS = ['servicedesk@utrecht.example.nl', 'ict@zaanstad.example.nl', 'beheer@breda.example.nl'];

let store: TestStore;
let sink: SmtpSink;
let transport: MailTransport;

beforeEach(async () => {
  store = createTestStore();
  sink = await startSmtpSink();
});
afterEach(async () => {
  await transport?.close();
  await sink.close();
  store.close();
});

async function sendOnce(behaviour: SinkBehaviour, options: { url?: string; unknownPolicy?: UnknownPolicy } = {}): Promise<Map<string, DeliveryView>> {
  sink.behaviour = behaviour;
  enqueueMessage(store.db, {
    messageId: 'msg-storing-zaakstroom',
    threadKey: 'storing-zaakstroom-2026-11-27',
    drill: false,
    approvedAt: store.clock.now(),
    renderings: renderings('Storing Zaakstroom'),
    recipients: RECIPIENTS.map((address) => ({ contactId: null, address, lang: 'nl' as const })),
  });
  transport = createSmtpTransport(smtpSettings(options.url ?? sink.url, 1));
  const dispatcher = startDispatcher({
    db: store.db,
    transport,
    config: mailConfig({ concurrency: 1, unknownPolicy: options.unknownPolicy ?? 'hold' }),
    clock: store.clock,
    autoRun: false,
  });
  await dispatcher.drain();
  await dispatcher.stop();
  return new Map(listDeliveries(store.db, 'msg-storing-zaakstroom').map((delivery) => [delivery.recipient, delivery]));
}

function statuses(deliveries: Map<string, DeliveryView>): Record<string, string> {
  return Object.fromEntries([...deliveries].map(([recipient, delivery]) => [recipient, delivery.status]));
}

const oneMinuteLater = () => new Date(store.clock.now().getTime() + 60_000);

describe('each recipient ends in the right state when the SMTP server misbehaves', () => {
  it('421 at the greeting: everyone is retried in a minute', async () => {
    const deliveries = await sendOnce({ onConnect: () => smtpError(421, 'Too many connections, try again later') });
    expect(new Set(Object.values(statuses(deliveries)))).toEqual(new Set(['retrying']));
    for (const delivery of deliveries.values()) {
      expect(delivery.lastReply).toMatch(/421/);
      expect(delivery.nextAttemptAt).toEqual(oneMinuteLater());
    }
    expect(sink.received).toHaveLength(0);
  });

  it.each([450, 451, 452])('%i on RCPT TO: retried, not failed', async (code) => {
    const deliveries = await sendOnce({ onRcptTo: () => smtpError(code, 'Mailbox temporarily unavailable') });
    expect(new Set(Object.values(statuses(deliveries)))).toEqual(new Set(['retrying']));
    expect([...deliveries.values()][0]!.lastReply).toContain(String(code));
  });

  it('550 for one recipient of several: only that one fails, the others are sent', async () => {
    const deliveries = await sendOnce({
      onRcptTo: (address) => (address === 'ict@zaanstad.example.nl' ? smtpError(550, 'No such user here') : undefined),
    });
    expect(statuses(deliveries)).toEqual({
      'servicedesk@utrecht.example.nl': 'sent',
      'ict@zaanstad.example.nl': 'failed',
      'beheer@breda.example.nl': 'sent',
    });
    expect(deliveries.get('ict@zaanstad.example.nl')!.lastReply).toMatch(/^550 No such user here/);
    expect(sink.received.map((message) => message.envelopeTo[0]).sort()).toEqual(['beheer@breda.example.nl', 'servicedesk@utrecht.example.nl']);
  });

  it.each([552, 554])('%i after the data: failed, no retry', async (code) => {
    const deliveries = await sendOnce({ afterData: () => smtpError(code, 'Message rejected by content policy') });
    expect(new Set(Object.values(statuses(deliveries)))).toEqual(new Set(['failed']));
    expect([...deliveries.values()][0]!.lastReply).toContain(String(code));
  });

  it('connection dropped after RCPT: retried (the server cannot have accepted the message)', async () => {
    const deliveries = await sendOnce({ onRcptTo: () => 'drop' });
    expect(new Set(Object.values(statuses(deliveries)))).toEqual(new Set(['retrying']));
    expect(sink.received).toHaveLength(0);
  });

  it('connection dropped after the final dot: unknown, held for the operator (policy "hold")', async () => {
    const deliveries = await sendOnce({ afterData: () => 'drop' });
    expect(new Set(Object.values(statuses(deliveries)))).toEqual(new Set(['unknown']));
    expect(sink.received).toHaveLength(3);
  });

  it('connection dropped after the final dot with policy "retry_once": one retry carrying the same Message-ID', async () => {
    let drops = 0;
    const deliveries = await sendOnce({ afterData: () => (drops++ < 3 ? 'drop' : undefined) }, { unknownPolicy: 'retry_once' });
    expect(new Set(Object.values(statuses(deliveries)))).toEqual(new Set(['retrying']));
    store.clock.advance(60_000);
    transport = createSmtpTransport(smtpSettings(sink.url, 1));
    const dispatcher = startDispatcher({ db: store.db, transport, config: mailConfig({ concurrency: 1, unknownPolicy: 'retry_once' }), clock: store.clock, autoRun: false });
    await dispatcher.drain();
    await dispatcher.stop();
    const after = listDeliveries(store.db, 'msg-storing-zaakstroom');
    expect(after.map((delivery) => delivery.status)).toEqual(['sent', 'sent', 'sent']);
    const ids = sink.received.map((message) => message.messageId);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(3);
  });

  it('connection refused: retried', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const deliveries = await sendOnce({}, { url: `smtp://127.0.0.1:${port}` });
    expect(new Set(Object.values(statuses(deliveries)))).toEqual(new Set(['retrying']));
    expect([...deliveries.values()][0]!.lastErrorCode).toMatch(/ECONNREFUSED/);
  });
});
