import { signalDueAt } from '../../domain/drill.ts';
import { findRunningDrill } from '../../store/drills-repository.ts';
import { hasSignal } from '../../store/signals-repository.ts';
import type { SystemCaller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { recordSignal, type RecordedSignal } from '../signals/record-signal.ts';

/** The reference a drill's timed signal is stored under: once per drill, never shared with another drill. */
export function drillSignalReference(drillId: number, index: number): string {
  return `oefening-${drillId}-${index + 1}`;
}

export interface DeliveredDrillSignal {
  drillId: number;
  /** Index into the scenario's signals. */
  index: number;
  signal: RecordedSignal;
}

/**
 * Brings in the running drill's timed signals that are due (start + after_minutes ÷ the drill's
 * speed), each exactly once, through the ordinary recordSignal: stored as drill signals, audited,
 * and run through the spike rule, so an alert rises the way a real one would. Each signal's
 * reported time is its due moment, not the moment this ran: a late tick does not shift the
 * drill. Called by the scheduler in src/composition on the drill context; nothing when no drill
 * runs or nothing is due.
 */
export function deliverDueDrillSignals(ctx: UseCaseContext, caller: SystemCaller): DeliveredDrillSignal[] {
  const drill = findRunningDrill(ctx.db);
  if (!drill || drill.scenario.signals.length === 0) return [];
  const now = ctx.clock.now();
  const delivered: DeliveredDrillSignal[] = [];
  drill.scenario.signals.forEach((planned, index) => {
    const dueAt = signalDueAt(drill.startedAt, planned, drill.signalSpeed);
    if (dueAt.getTime() > now.getTime()) return;
    const reference = drillSignalReference(drill.id, index);
    // The signal itself is the record that it arrived: the same reference is stored once.
    if (hasSignal(ctx.db, { drill: true, drillId: drill.id }, planned.source, reference)) return;
    const signal = recordSignal(ctx, caller, {
      product: planned.product,
      municipality: planned.municipality,
      source: planned.source,
      reference,
      summary: planned.summary,
      received_at: dueAt.toISOString(),
    });
    delivered.push({ drillId: drill.id, index, signal });
  });
  return delivered;
}

