import type { UseCaseContext } from '../use-cases/context.ts';
import { deliverDueDrillSignals, type DeliveredDrillSignal } from '../use-cases/drills/deliver-drill-signals.ts';

export interface DrillSignalScheduler {
  /** Brings in every timed signal due by the context's clock now (tests call it after moving a fake clock). */
  tick(): DeliveredDrillSignal[];
  stop(): void;
}

/**
 * Lets a running drill's timed signals arrive by themselves: every `intervalMs` (default one
 * second) the deliver-drill-signals use case runs on the DRILL context, so the signals are drill
 * signals and never mix with live ones. Due times come from the context's clock, so a test moves
 * a fake clock and calls `tick()`. A failure is logged and tried again at the next tick; it never
 * stops the server.
 */
export function startDrillSignalScheduler(ctx: UseCaseContext, options: { intervalMs?: number; log: (line: string) => void }): DrillSignalScheduler {
  const caller = { kind: 'system' as const, name: 'oefenscenario' };
  const tick = (): DeliveredDrillSignal[] => {
    const delivered = deliverDueDrillSignals(ctx, caller);
    if (delivered.some((entry) => entry.signal.alert !== null)) ctx.mail.wake();
    return delivered;
  };
  const timer = setInterval(() => {
    try {
      tick();
    } catch (error) {
      options.log(`drill: timed signals failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, options.intervalMs ?? 1_000);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
