import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../domain/clock.ts';
import type { Database } from '../store/database.ts';
import { recoverInterruptedDeliveries } from '../store/outbox-repository.ts';
import { createDeliveryComposer } from './compose-delivery.ts';
import { runDispatchLoop } from './dispatch-loop.ts';
import type { DispatcherEvent } from './dispatcher-event.ts';
import { acquireDispatcherLock, releaseDispatcherLock, startLockHeartbeat } from './dispatcher-lock.ts';
import type { ChannelSender } from './channel-sender.ts';
import type { MailConfig } from './mail-config.ts';
import type { MailTransport } from './mail-transport.ts';
import { deliveryMessageId, domainOf } from './message-id.ts';
import { createOutboxPump } from './outbox-pump.ts';
import { sendOneDelivery } from './send-one-delivery.ts';
import { unsubscribeSecret } from './unsubscribe-token.ts';
import { createWakeSignal } from './wake-signal.ts';

export type { DispatcherEvent } from './dispatcher-event.ts';

export interface DispatcherOptions {
  db: Database;
  transport: MailTransport;
  /** Sends the outbox's Teams, Slack and webhook deliveries (src/channels, chosen at the composition root). */
  channels?: ChannelSender;
  config: Pick<MailConfig, 'from' | 'replyTo' | 'dkim' | 'serverUrl' | 'concurrency' | 'unknownPolicy'>;
  clock?: Clock;
  /** Run the loop by itself (production). Tests pass false and call drain() with a fake clock. */
  autoRun?: boolean;
  /** How often to look for due mail when nothing woke the dispatcher. */
  pollIntervalMs?: number;
  heartbeatIntervalMs?: number;
  log?: (event: DispatcherEvent) => void;
}

export interface Dispatcher {
  readonly owner: string;
  /** Deliveries found in 'sending' at start-up and marked unknown (or retried, per policy). */
  readonly recovered: number;
  /** Look for due mail now (call after an approval enqueued some). */
  wake(): void;
  /** Sends everything due now and waits until none is due or in flight. */
  drain(): Promise<void>;
  /** Stops claiming, waits for the deliveries in flight, releases the lock. */
  stop(): Promise<void>;
}

/**
 * Starts the one dispatcher for this database: takes the lock (a second one refuses to start),
 * turns deliveries left in 'sending' by a crash into 'unknown', then claims due deliveries with a
 * compare-and-set, at most `concurrency` at a time, and sends each in its own SMTP transaction.
 *
 * The parts: outbox-pump.ts (record and claim in one commit), send-one-delivery.ts (compose and
 * send one), dispatch-loop.ts (when to pump next), dispatcher-lock.ts (the lock and its heartbeat).
 */
export function startDispatcher(options: DispatcherOptions): Dispatcher {
  const { db, transport, config } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => {});
  const owner = `dispatcher-${process.pid}-${randomUUID().slice(0, 8)}`;
  acquireDispatcherLock(db, owner, clock.now());
  const recovered = recoverInterruptedDeliveries(db, clock.now(), config.unknownPolicy);
  log({ type: 'started', owner, recovered });

  const compose = createDeliveryComposer(db, { ...config, unsubscribeSecret: unsubscribeSecret(db) });
  const domain = domainOf(config.from.address);
  const signal = createWakeSignal();
  let stopping = false;
  let lockLost = false;
  const pump = createOutboxPump({
    db,
    owner,
    concurrency: config.concurrency,
    unknownPolicy: config.unknownPolicy,
    clock,
    messageIdFor: (delivery) => deliveryMessageId({ deliveryId: delivery.id, outboxMessageId: delivery.outboxMessageId, recipient: delivery.recipient, domain }),
    send: (delivery) => sendOneDelivery(delivery, { compose, transport, channels: options.channels, clock, log }),
    mayClaim: () => !lockLost && !stopping,
    onSettled: signal.wake,
    log,
  });

  const stopHeartbeat = startLockHeartbeat(db, owner, clock, options.heartbeatIntervalMs ?? 5_000, () => {
    lockLost = true;
    log({ type: 'lock_lost', owner });
  });

  const running =
    options.autoRun === false
      ? Promise.resolve()
      : runDispatchLoop({ db, pump, signal, clock, concurrency: config.concurrency, pollIntervalMs: options.pollIntervalMs ?? 1000, isStopping: () => stopping, log });

  return {
    owner,
    recovered,
    wake: signal.wake,
    drain: pump.drain,
    async stop() {
      stopping = true;
      signal.wake();
      await running;
      await pump.finish();
      stopHeartbeat();
      releaseDispatcherLock(db, owner);
    },
  };
}
