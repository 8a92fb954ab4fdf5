import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../../../src/mail/dispatcher.ts';
import { queryAudit } from '../../../../src/store/audit-log.ts';
import { countDeliveries, enqueueMessage, listDeliveries, listOutboxMessages } from '../../../../src/store/outbox-repository.ts';
import { cancelSend } from '../../../../src/use-cases/deliveries/cancel-send.ts';
import { pauseSend } from '../../../../src/use-cases/deliveries/pause-send.ts';
import { resendDeliveries } from '../../../../src/use-cases/deliveries/resend-deliveries.ts';
import { resumeSend } from '../../../../src/use-cases/deliveries/resume-send.ts';
import { sendTestMessage } from '../../../../src/use-cases/deliveries/send-test-message.ts';
import { readRefusal, refusalOf } from '../../../support/refusals.ts';
import { createTestApp, smtpEnv, type TestApp } from '../../../support/test-app.ts';
import { renderings } from '../../mail/helpers/fixture.ts';
import { smtpError, startSmtpSink, type SmtpSink } from '../../mail/helpers/smtp-sink.ts';

let sink: SmtpSink;
let t: TestApp;
let dispatcher: Dispatcher;

/** The app's own dispatcher, on one SMTP connection to a real smtp-server on 127.0.0.1. */
beforeEach(async () => {
  sink = await startSmtpSink();
  t = await createTestApp({ env: { ...smtpEnv(sink.url), SMTP_POOL_SIZE: '1' } });
  dispatcher = t.app.startDispatcher(() => {});
});
afterEach(async () => {
  await t.close();
  await sink.close();
});

/** An approved message as the outbox holds it. */
function enqueue(id: string, addresses: string[]) {
  enqueueMessage(t.db, {
    messageId: id,
    threadKey: 'storing-loket-afspraken',
    drill: false,
    approvedAt: t.clock.now(),
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
    const before = new Map(listDeliveries(t.db, 'msg-afspraken').map((delivery) => [delivery.recipient, delivery]));
    expect([...before.values()].map((delivery) => delivery.status).sort()).toEqual(['failed', 'sent', 'unknown']);

    sink.behaviour = {};
    const { requeued } = resendDeliveries(t.ctx, t.people.sanne, { messageId: 'msg-afspraken' });
    expect(requeued).toBe(2);
    await dispatcher.drain();
    const after = listDeliveries(t.db, 'msg-afspraken');
    expect(after.map((delivery) => delivery.status)).toEqual(['sent', 'sent', 'sent']);
    const resent = sink.received.slice(2).map((message) => [message.envelopeTo[0], message.messageId]);
    expect(resent.sort()).toEqual([
      ['ict@arnhem.example.nl', before.get('ict@arnhem.example.nl')!.smtpMessageId],
      ['kcc@almere.example.nl', before.get('kcc@almere.example.nl')!.smtpMessageId],
    ]);
    expect(sink.received.filter((message) => message.envelopeTo[0] === 'balie@haarlem.example.nl')).toHaveLength(1);
    expect(queryAudit(t.db, { action: 'delivery_resent' }).entries.map((entry) => [entry.actor.name, entry.details])).toEqual([['Sanne de Vries', { requeued: 2 }]]);
  });

  it('pause holds the queue, resume continues, cancel stops what has not gone out', async () => {
    enqueue('msg-pauze', ['balie@haarlem.example.nl', 'kcc@almere.example.nl']);
    expect(pauseSend(t.ctx, t.people.sanne, { messageId: 'msg-pauze' })).toEqual({ waiting: 2 });
    await dispatcher.drain();
    expect(sink.connections).toBe(0);
    expect(countDeliveries(t.db, 'msg-pauze').queued).toBe(2);
    const again = refusalOf(() => pauseSend(t.ctx, t.people.sanne, { messageId: 'msg-pauze' }));
    expect(again.code).toBe('send_paused');

    // Resuming wakes the dispatcher: the send continues without anyone draining it.
    resumeSend(t.ctx, t.people.sanne, { messageId: 'msg-pauze' });
    await until(() => countDeliveries(t.db, 'msg-pauze').sent === 2);

    enqueue('msg-annuleren', ['balie@haarlem.example.nl', 'kcc@almere.example.nl', 'ict@arnhem.example.nl']);
    expect(cancelSend(t.ctx, t.people.sanne, { messageId: 'msg-annuleren' })).toEqual({ cancelled: 3 });
    await dispatcher.drain();
    expect(countDeliveries(t.db, 'msg-annuleren')).toMatchObject({ cancelled: 3, sent: 0, total: 3 });
    const stopped = refusalOf(() => resendDeliveries(t.ctx, t.people.sanne, { messageId: 'msg-annuleren' }));
    expect(stopped.code).toBe('send_cancelled');
    expect(readRefusal(stopped, 'nl').text).toMatchInlineSnapshot(`"Deze verzending is gestopt en kan niet meer verder."`);
    expect(listOutboxMessages(t.db).map((message) => [message.id, message.state])).toEqual([
      ['msg-annuleren', 'cancelled'],
      ['msg-pauze', 'active'],
    ]);
    expect(queryAudit(t.db).entries.map((entry) => `${entry.action} by ${entry.actor.name}`).reverse()).toEqual([
      'delivery_queued by system',
      'delivery_paused by Sanne de Vries',
      'delivery_resumed by Sanne de Vries',
      'delivery_queued by system',
      'delivery_cancelled by Sanne de Vries',
    ]);
  });

  it('is for composers and approvers only, and names a send that does not exist', () => {
    enqueue('msg-beheer', ['balie@haarlem.example.nl']);
    // The administrator manages accounts, not sends.
    expect(refusalOf(() => pauseSend(t.ctx, t.people.cor, { messageId: 'msg-beheer' }))).toMatchObject({ code: 'forbidden', params: { permission: 'message.cancel' } });
    expect(refusalOf(() => cancelSend(t.ctx, t.people.cor, { messageId: 'msg-beheer' })).code).toBe('forbidden');
    expect(refusalOf(() => resendDeliveries(t.ctx, t.people.cor, { messageId: 'msg-beheer' })).code).toBe('forbidden');
    expect(countDeliveries(t.db, 'msg-beheer').queued).toBe(1);
    expect(refusalOf(() => pauseSend(t.ctx, t.people.bram, { messageId: 'msg-bestaat-niet' })).code).toBe('send_not_found');
  });

  it('"send test message to me" goes through the real outbox to the signed-in person and shows the SMTP reply', async () => {
    const messageId = sendTestMessage(t.ctx, t.people.sanne);
    // Queued and woken: it goes out without anyone draining the outbox.
    await until(() => listDeliveries(t.db, messageId)[0]?.status === 'sent');
    const [delivery] = listDeliveries(t.db, messageId);
    expect(delivery!.recipient).toBe('sanne.devries@voorbeeldsoftware.nl');
    expect(delivery!.lastReply).toMatch(/^250 /);
    expect(sink.received.map((message) => message.envelopeTo)).toEqual([['sanne.devries@voorbeeldsoftware.nl']]);
    expect(sink.received[0]!.raw.toString()).toMatch(/^Subject: TEST /m);
    expect(queryAudit(t.db, { action: 'test_message_sent' }).entries.map((entry) => [entry.actor.name, entry.details])).toEqual([
      ['Sanne de Vries', { to: 'sanne.devries@voorbeeldsoftware.nl' }],
    ]);
  });
});

/** Waits for the running dispatcher (polling every second otherwise) to get somewhere; fails after 3 s. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the dispatcher did not get there within 3 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
