import type { Clock } from '../domain/clock.ts';
import type { Database } from '../store/database.ts';
import { nextDueAt } from '../store/outbox-repository.ts';
import type { DispatcherLog } from './dispatcher-event.ts';
import type { OutboxPump } from './outbox-pump.ts';
import type { WakeSignal } from './wake-signal.ts';

/**
 * The dispatcher's own loop (production; tests drive the pump with drain()). It pumps, then
 * sleeps until woken (a delivery settled, new mail, stop) or until the next delivery falls due,
 * at most `pollIntervalMs`. A failed claim is logged and tried again on the next round.
 */
export async function runDispatchLoop(options: {
  db: Database;
  pump: OutboxPump;
  signal: WakeSignal;
  clock: Clock;
  concurrency: number;
  pollIntervalMs: number;
  isStopping: () => boolean;
  log: DispatcherLog;
}): Promise<void> {
  const { pump, isStopping } = options;
  while (!isStopping()) {
    try {
      pump.pump();
    } catch (error) {
      options.log({ type: 'error', message: `claiming deliveries: ${(error as Error).message}` });
    }
    if (isStopping()) break;
    let timeout = options.pollIntervalMs;
    // With every slot busy, only a settling delivery (which wakes us) can free one.
    if (pump.inFlight() < options.concurrency) {
      const due = nextDueAt(options.db);
      if (due) timeout = Math.max(0, Math.min(timeout, due.getTime() - options.clock.now().getTime()));
    }
    await options.signal.sleep(timeout);
  }
}
