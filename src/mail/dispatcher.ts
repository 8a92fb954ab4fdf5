import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../auth/clock.ts';
import { transaction, type Database } from '../store/database.ts';
import { claimDueDeliveries, nextDueAt, recordAttempt, recoverInterruptedDeliveries, type ClaimedDelivery } from '../store/outbox-repository.ts';
import { createDeliveryComposer } from './compose-delivery.ts';
import { acquireDispatcherLock, heartbeatDispatcherLock, releaseDispatcherLock } from './dispatcher-lock.ts';
import type { MailConfig } from './mail-config.ts';
import { DrillDeliveryRefusedError, type MailTransport, type SendResult } from './mail-transport.ts';
import { deliveryMessageId, domainOf } from './message-id.ts';
import { decideAfterAttempt } from './retry-policy.ts';
import { unsubscribeSecret } from './unsubscribe-token.ts';

export type DispatcherEvent =
  | { type: 'started'; owner: string; recovered: number }
  | { type: 'delivery'; deliveryId: number; status: string; via: string; reply: string }
  | { type: 'drill_refused'; deliveryId: number; message: string }
  | { type: 'lock_lost'; owner: string }
  | { type: 'error'; message: string };

export interface DispatcherOptions {
  db: Database;
  transport: MailTransport;
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
  const messageIdFor = (delivery: { id: number; outboxMessageId: string; recipient: string }) =>
    deliveryMessageId({ deliveryId: delivery.id, outboxMessageId: delivery.outboxMessageId, recipient: delivery.recipient, domain });
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let lockLost = false;
  let notify: (() => void) | null = null;
  const signal = () => {
    const resolve = notify;
    notify = null;
    resolve?.();
  };

  // Attempts that finished but are not committed yet. Their rows stay 'sending' until the next
  // pump commits them together with the next claims: one write per batch instead of two per
  // message, and the 'sending' rows in the store never exceed the concurrency.
  const finished: Array<{ delivery: ClaimedDelivery; startedAt: Date; finishedAt: Date; result: SendResult }> = [];

  async function deliver(delivery: ClaimedDelivery): Promise<void> {
    const startedAt = clock.now();
    let result: SendResult;
    try {
      result = await transport.send(await compose(delivery, startedAt));
    } catch (error) {
      if (error instanceof DrillDeliveryRefusedError) {
        log({ type: 'drill_refused', deliveryId: delivery.id, message: error.message });
        result = { outcome: 'refused', reply: error.message, errorCode: 'EDRILL', via: transport.name };
      } else {
        // Failed before anything was handed to a server (composing, capture disk): safe to retry.
        log({ type: 'error', message: `delivery ${delivery.id}: ${(error as Error).message}` });
        result = { outcome: 'temporary', reply: (error as Error).message, errorCode: 'EINTERNAL', via: transport.name };
      }
    }
    finished.push({ delivery, startedAt, finishedAt: clock.now(), result });
  }

  function recordFinished(): void {
    for (const attempt of finished.splice(0)) {
      const decision = decideAfterAttempt(attempt.result.outcome, attempt.delivery, attempt.finishedAt, config.unknownPolicy);
      const owned = recordAttempt(db, { ...attempt, owner, transport: attempt.result.via, decision });
      if (!owned) log({ type: 'lock_lost', owner });
      log({ type: 'delivery', deliveryId: attempt.delivery.id, status: decision.status, via: attempt.result.via, reply: attempt.result.reply });
    }
  }

  /** Commits finished attempts, claims as many due deliveries as there are free slots, starts them. */
  function pump(): number {
    const claimed = transaction(db, () => {
      recordFinished();
      const free = config.concurrency - inFlight.size;
      if (free <= 0 || lockLost || stopping) return [];
      return claimDueDeliveries(db, { owner, limit: free, now: clock.now(), messageIdFor });
    });
    for (const delivery of claimed) {
      const running: Promise<void> = deliver(delivery)
        .catch((error: unknown) => log({ type: 'error', message: `delivery ${delivery.id}: ${(error as Error).message}` }))
        .finally(() => {
          inFlight.delete(running);
          signal();
        });
      inFlight.add(running);
    }
    return claimed.length;
  }

  async function drain(): Promise<void> {
    for (;;) {
      const claimed = pump();
      if (inFlight.size === 0 && claimed === 0 && finished.length === 0) return;
      if (inFlight.size > 0) {
        await Promise.race(inFlight);
        // Let the other replies that arrived in the same I/O turn land, so one commit records them all.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      try {
        pump();
      } catch (error) {
        log({ type: 'error', message: `claiming deliveries: ${(error as Error).message}` });
      }
      if (stopping) break;
      const wait = new Promise<void>((resolve) => {
        notify = resolve;
      });
      let timeout = options.pollIntervalMs ?? 1000;
      if (inFlight.size < config.concurrency) {
        const due = nextDueAt(db);
        if (due) timeout = Math.max(0, Math.min(timeout, due.getTime() - clock.now().getTime()));
      }
      const timer = setTimeout(signal, timeout);
      await wait;
      clearTimeout(timer);
    }
  }

  const heartbeat = setInterval(() => {
    if (!heartbeatDispatcherLock(db, owner, clock.now())) {
      lockLost = true;
      log({ type: 'lock_lost', owner });
    }
  }, options.heartbeatIntervalMs ?? 5_000);
  heartbeat.unref();

  const running = options.autoRun === false ? Promise.resolve() : loop();

  return {
    owner,
    recovered,
    wake: signal,
    drain,
    async stop() {
      stopping = true;
      signal();
      await running;
      await Promise.allSettled([...inFlight]);
      transaction(db, recordFinished);
      clearInterval(heartbeat);
      releaseDispatcherLock(db, owner);
    },
  };
}
