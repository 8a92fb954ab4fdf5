import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cancelSend } from '../../../src/mail/cancel-send.ts';
import { startDispatcher, type Dispatcher } from '../../../src/mail/dispatcher.ts';
import { pauseSend } from '../../../src/mail/pause-send.ts';
import { resendDeliveries } from '../../../src/mail/resend-deliveries.ts';
import { resumeSend } from '../../../src/mail/resume-send.ts';
import { sendTestMessage } from '../../../src/mail/send-test-message.ts';
import { createSmtpTransport } from '../../../src/mail/smtp-transport.ts';
import type { MailTransport } from '../../../src/mail/mail-transport.ts';
import { countDeliveries, enqueueMessage, listDeliveries, listOutboxMessages, OutboxError } from '../../../src/store/outbox-repository.ts';
import { createTestStore, mailConfig, renderings, smtpSettings, type TestStore } from './helpers/fixture.ts';
import { smtpError, startSmtpSink, type SmtpSink } from './helpers/smtp-sink.ts';

const OPERATOR = { kind: 'user' as const, userId: 7, name: 'Sanne de Vries' };

let store: TestStore;
let sink: SmtpSink;
let transport: MailTransport;
let dispatcher: Dispatcher;

beforeEach(async () => {
  store = createTestStore();
  sink = await startSmtpSink();
  transport = createSmtpTransport(smtpSettings(sink.url, 1));
  dispatcher = startDispatcher({ db: store.db, transport, config: mailConfig({ concurrency: 1 }), clock: store.clock, autoRun: false });
});
afterEach(async () => {
  await dispatcher.stop();
  await transport.close();
  await sink.close();
  store.cleanup();
});

function enqueue(id: string, addresses: string[]) {
  enqueueMessage(store.db, {
    messageId: id,
    threadKey: 'storing-loket-afspraken',
    drill: false,
    approvedAt: store.clock.now(),
    renderings: renderings('Storing Loket Afspraken'),
    recipients: addresses.map((address) => ({ contactId: null, address, lang: 'nl' as const })),
  });
}

describe('operator actions on a send', () => {
  it('resend goes to failed and unknown recipients only, with the same Message-ID', async () => {
    enqueue('msg-afspraken', ['balie@haarlem.example.nl', 'kcc@almere.example.nl', 'ict@arnhem.example.nl']);
    sink.behaviour = {
      onRcptTo: (address) => (address === 'kcc@almere.example.nl' ? smtpError(550, 'Mailbox disabled') : undefined),
      afterData: (message) => (message.envelopeTo[0] === 'ict@arnhem.example.nl' ? 'drop' : undefined),
    };
    await dispatcher.drain();
    const before = new Map(listDeliveries(store.db, 'msg-afspraken').map((delivery) => [delivery.recipient, delivery]));
    expect([...before.values()].map((delivery) => delivery.status).sort()).toEqual(['failed', 'sent', 'unknown']);

    sink.behaviour = {};
    const { requeued } = resendDeliveries({ db: store.db, clock: store.clock, expiryMinutes: 360 }, { messageId: 'msg-afspraken', actor: OPERATOR });
    expect(requeued).toBe(2);
    await dispatcher.drain();
    const after = listDeliveries(store.db, 'msg-afspraken');
    expect(after.map((delivery) => delivery.status)).toEqual(['sent', 'sent', 'sent']);
    const resent = sink.received.slice(2).map((message) => [message.envelopeTo[0], message.messageId]);
    expect(resent.sort()).toEqual([
      ['ict@arnhem.example.nl', before.get('ict@arnhem.example.nl')!.smtpMessageId],
      ['kcc@almere.example.nl', before.get('kcc@almere.example.nl')!.smtpMessageId],
    ]);
    expect(sink.received.filter((message) => message.envelopeTo[0] === 'balie@haarlem.example.nl')).toHaveLength(1);
  });

  it('pause holds the queue, resume continues, cancel stops what has not gone out', async () => {
    enqueue('msg-pauze', ['balie@haarlem.example.nl', 'kcc@almere.example.nl']);
    expect(pauseSend(store, { messageId: 'msg-pauze', actor: OPERATOR })).toEqual({ waiting: 2 });
    await dispatcher.drain();
    expect(sink.connections).toBe(0);
    expect(countDeliveries(store.db, 'msg-pauze').queued).toBe(2);
    expect(() => pauseSend(store, { messageId: 'msg-pauze', actor: OPERATOR })).toThrow('Message "msg-pauze" is paused; it cannot become paused');

    resumeSend(store, { messageId: 'msg-pauze', actor: OPERATOR });
    await dispatcher.drain();
    expect(countDeliveries(store.db, 'msg-pauze').sent).toBe(2);

    enqueue('msg-annuleren', ['balie@haarlem.example.nl', 'kcc@almere.example.nl', 'ict@arnhem.example.nl']);
    expect(cancelSend(store, { messageId: 'msg-annuleren', actor: OPERATOR })).toEqual({ cancelled: 3 });
    await dispatcher.drain();
    expect(countDeliveries(store.db, 'msg-annuleren')).toMatchObject({ cancelled: 3, sent: 0, total: 3 });
    expect(() => resendDeliveries({ db: store.db, clock: store.clock, expiryMinutes: 360 }, { messageId: 'msg-annuleren', actor: OPERATOR })).toThrow(OutboxError);
    expect(listOutboxMessages(store.db).map((message) => [message.id, message.state])).toEqual([
      ['msg-annuleren', 'cancelled'],
      ['msg-pauze', 'active'],
    ]);
  });

  it('"send test message to me" goes through the real outbox and shows the SMTP reply', async () => {
    const { messageId } = sendTestMessage(store, { to: { address: 'sanne.devries@leverancier.example.nl', name: 'Sanne de Vries' }, language: 'nl', actor: OPERATOR });
    await dispatcher.drain();
    const [delivery] = listDeliveries(store.db, messageId);
    expect(delivery!.status).toBe('sent');
    expect(delivery!.lastReply).toMatch(/^250 /);
    expect(sink.received[0]!.raw.toString()).toContain('Subject: Testbericht van Helder');
    expect(() => sendTestMessage(store, { to: { address: 'a@x.nl, b@y.nl', name: 'Twee' }, language: 'nl', actor: OPERATOR })).toThrow(
      'to.address: must be exactly one e-mail address; put each address on its own contact',
    );
  });
});
