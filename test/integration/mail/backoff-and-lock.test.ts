import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDispatcher } from '../../../src/mail/dispatcher.ts';
import { DispatcherAlreadyRunningError } from '../../../src/mail/dispatcher-lock.ts';
import { createSmtpTransport } from '../../../src/mail/smtp-transport.ts';
import type { MailTransport } from '../../../src/mail/mail-transport.ts';
import { enqueueMessage, listDeliveries } from '../../../src/store/outbox-repository.ts';
import { createTestStore, mailConfig, renderings, smtpSettings, type TestStore } from './helpers/fixture.ts';
import { smtpError, startSmtpSink, type SmtpSink } from './helpers/smtp-sink.ts';

let store: TestStore;
let sink: SmtpSink;
let transport: MailTransport;

beforeEach(async () => {
  store = createTestStore('2026-11-27T08:00:00Z');
  sink = await startSmtpSink();
  transport = createSmtpTransport(smtpSettings(sink.url, 1));
});
afterEach(async () => {
  await transport.close();
  await sink.close();
  store.close();
});

function enqueue(id: string) {
  enqueueMessage(store.db, {
    messageId: id,
    threadKey: 'onderhoud-taxo-belastingen',
    drill: false,
    approvedAt: store.clock.now(),
    renderings: renderings('Gepland onderhoud Taxo Belastingen'),
    recipients: [{ contactId: null, address: 'belastingen@tilburg.example.nl', lang: 'nl' }],
  });
}

describe('backoff and expiry', () => {
  it('retries after 1, 5, 15, 30 and 60 minutes, then hourly, and expires after 6 hours', async () => {
    sink.behaviour = { onRcptTo: () => smtpError(451, 'Greylisted, please try again later') };
    enqueue('msg-onderhoud-1');
    const dispatcher = startDispatcher({ db: store.db, transport, config: mailConfig({ concurrency: 1 }), clock: store.clock, autoRun: false });
    const start = store.clock.now().getTime();
    const attemptsAtMinute: number[] = [];
    for (let guard = 0; guard < 20; guard++) {
      attemptsAtMinute.push((store.clock.now().getTime() - start) / 60_000);
      await dispatcher.drain();
      const [delivery] = listDeliveries(store.db, 'msg-onderhoud-1');
      if (delivery!.status !== 'retrying') break;
      // Nothing happens before the next attempt is due…
      store.clock.set(new Date(delivery!.nextAttemptAt!.getTime() - 1_000));
      await dispatcher.drain();
      expect(listDeliveries(store.db, 'msg-onderhoud-1')[0]!.attempts).toBe(attemptsAtMinute.length);
      // …and then it is tried again.
      store.clock.set(delivery!.nextAttemptAt!);
    }
    await dispatcher.stop();
    expect(attemptsAtMinute).toEqual([0, 1, 6, 21, 51, 111, 171, 231, 291, 351]);
    const [final] = listDeliveries(store.db, 'msg-onderhoud-1');
    expect(final!.status).toBe('expired');
    expect(final!.attempts).toBe(10);
    expect(final!.lastReply).toMatch(/^451/);
  });

  it('a delivery still queued when its message expires is not sent at all', async () => {
    enqueue('msg-onderhoud-2');
    store.clock.advance(6 * 60 * 60_000);
    const dispatcher = startDispatcher({ db: store.db, transport, config: mailConfig(), clock: store.clock, autoRun: false });
    await dispatcher.drain();
    await dispatcher.stop();
    expect(listDeliveries(store.db, 'msg-onderhoud-2')[0]!.status).toBe('expired');
    expect(sink.connections).toBe(0);
  });
});

describe('the dispatcher lock', () => {
  it('refuses a second dispatcher on the same database while the first runs, and allows one after it stopped', async () => {
    const first = startDispatcher({ db: store.db, transport, config: mailConfig(), clock: store.clock, autoRun: false });
    expect(() => startDispatcher({ db: store.db, transport, config: mailConfig(), clock: store.clock, autoRun: false })).toThrow(DispatcherAlreadyRunningError);
    expect(() => startDispatcher({ db: store.db, transport, config: mailConfig(), clock: store.clock, autoRun: false })).toThrow(
      /Another mail dispatcher is running \(owner dispatcher-\d+-[0-9a-f]{8}, pid \d+/,
    );
    await first.stop();
    const second = startDispatcher({ db: store.db, transport, config: mailConfig(), clock: store.clock, autoRun: false });
    await second.stop();
  });
});
