import type { Clock } from '../domain/clock.ts';
import { transaction, type Database } from '../store/database.ts';
import { claimDueDeliveries, recordAttempt, type ClaimedDelivery } from '../store/outbox-repository.ts';
import type { UnknownPolicy } from '../domain/delivery-status.ts';
import type { DispatcherLog } from './dispatcher-event.ts';
import { decideAfterAttempt } from './retry-policy.ts';
import type { FinishedAttempt } from './send-one-delivery.ts';

export interface OutboxPump {
  /** Commits finished attempts, claims as many due deliveries as there are free slots, starts them. Returns how many it claimed. */
  pump(): number;
  /** Sends everything due now and waits until none is due or in flight. */
  drain(): Promise<void>;
  /** Deliveries being sent now. */
  inFlight(): number;
  /** Waits for the deliveries in flight, then records them. */
  finish(): Promise<void>;
}

/**
 * The dispatcher's claim-and-record step. Attempts that finished are not committed at once: their
 * rows stay 'sending' until the next pump commits them together with the next claims, one write
 * per batch instead of two per message, and the 'sending' rows never exceed the concurrency.
 */
export function createOutboxPump(options: {
  db: Database;
  owner: string;
  concurrency: number;
  unknownPolicy: UnknownPolicy;
  clock: Clock;
  messageIdFor: (delivery: { id: number; outboxMessageId: string; recipient: string }) => string;
  send: (delivery: ClaimedDelivery) => Promise<FinishedAttempt>;
  /** False once stopping or the lock is lost: finish what runs, claim nothing new. */
  mayClaim: () => boolean;
  /** Called whenever a delivery settles, to wake the loop. */
  onSettled: () => void;
  log: DispatcherLog;
}): OutboxPump {
  const { db, owner, clock, log } = options;
  const inFlight = new Set<Promise<void>>();
  const finished: FinishedAttempt[] = [];

  const recordFinished = () => {
    for (const attempt of finished.splice(0)) {
      const decision = decideAfterAttempt(attempt.result.outcome, attempt.delivery, attempt.finishedAt, options.unknownPolicy, attempt.result.retryAfterMs);
      const owned = recordAttempt(db, { ...attempt, owner, transport: attempt.result.via, decision });
      if (!owned) log({ type: 'lock_lost', owner });
      log({ type: 'delivery', deliveryId: attempt.delivery.id, status: decision.status, via: attempt.result.via, reply: attempt.result.reply });
    }
  };

  const pump = (): number => {
    const claimed = transaction(db, () => {
      recordFinished();
      const free = options.concurrency - inFlight.size;
      if (free <= 0 || !options.mayClaim()) return [];
      return claimDueDeliveries(db, { owner, limit: free, now: clock.now(), messageIdFor: options.messageIdFor });
    });
    for (const delivery of claimed) {
      const running: Promise<void> = options
        .send(delivery)
        .then((attempt) => {
          finished.push(attempt);
        })
        .catch((error: unknown) => log({ type: 'error', message: `delivery ${delivery.id}: ${(error as Error).message}` }))
        .finally(() => {
          inFlight.delete(running);
          options.onSettled();
        });
      inFlight.add(running);
    }
    return claimed.length;
  };

  return {
    pump,
    async drain() {
      for (;;) {
        const claimed = pump();
        if (inFlight.size === 0 && claimed === 0 && finished.length === 0) return;
        if (inFlight.size > 0) {
          await Promise.race(inFlight);
          // Let the other replies that arrived in the same I/O turn land, so one commit records them all.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    },
    inFlight: () => inFlight.size,
    async finish() {
      await Promise.allSettled([...inFlight]);
      transaction(db, recordFinished);
    },
  };
}
