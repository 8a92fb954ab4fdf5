import { findSpike, type SpikeRule } from '../../domain/index.ts';
import { findRunningDrill } from '../../store/drills-repository.ts';
import { countSignalsOf, findOpenAlert, insertAlert, signalPointsOf, updateAlert, type SignalAlert, type SignalRun } from '../../store/signals-repository.ts';
import { audit } from '../audit.ts';
import type { Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { queueSignalAlertMail } from './alert-mail.ts';

export type AlertChange = { kind: 'raised' | 'grown'; alert: SignalAlert } | null;

/**
 * The run a signal recorded now belongs to: live work, or the drill running now. Drill signals
 * and alerts belong to one drill run, so a drill started right after another never counts the
 * earlier drill's signals. Read inside the transaction that stores the signal.
 */
export function currentSignalRun(ctx: UseCaseContext): SignalRun {
  return ctx.drill ? { drill: true, drillId: findRunningDrill(ctx.db)?.id ?? null } : { drill: false, drillId: null };
}

/**
 * Runs the spike rule for one product after a new signal (received at `receivedAt`) and raises or
 * grows its alert, counting only the signals of the signal's run (live, or one drill). Call it INSIDE the transaction that stored the signal, so signal and alert
 * commit together; a raised alert queues its mail to the incident managers in the same
 * transaction (the caller wakes the dispatcher after commit). An open alert takes in every later signal of its product: a national alert
 * every municipality, a local one only its own municipality until the rule calls it national.
 */
export function evaluateAlert(ctx: UseCaseContext, caller: Caller, run: SignalRun, product: string, signal: { municipality: string; receivedAt: Date }): AlertChange {
  const rule: SpikeRule = ctx.config.signals.rule;
  const now = ctx.clock.now();
  const windowMs = rule.windowMinutes * 60_000;
  const open = findOpenAlert(ctx.db, run, product);
  // A national alert takes every later signal of its product: no need to run the rule again.
  const spike =
    open?.suggestion === 'national'
      ? null
      : (() => {
          // Only windows that hold the new signal can have changed: those within one window of it.
          const from = new Date(signal.receivedAt.getTime() - windowMs);
          const points = signalPointsOf(ctx.db, run, product, from, new Date(signal.receivedAt.getTime() + windowMs));
          return findSpike(points, now, rule, () => countSignalsOf(ctx.db, run, product, new Date(from.getTime() - rule.baselineDays * 86_400_000), from));
        })();

  if (open) {
    const national = open.suggestion === 'national' || spike?.suggestion === 'national';
    const joins = national || open.municipalities.includes(signal.municipality);
    if (!joins) return null;
    const municipalities = new Set([...open.municipalities, signal.municipality, ...(spike?.suggestion === 'national' ? spike.municipalities : [])]);
    const grown = {
      suggestion: national ? ('national' as const) : ('local' as const),
      municipalities: [...municipalities].sort(),
      count: open.count + 1,
      firstAt: new Date(Math.min(open.firstAt.getTime(), signal.receivedAt.getTime())),
      lastAt: new Date(Math.max(open.lastAt.getTime(), signal.receivedAt.getTime())),
    };
    updateAlert(ctx.db, open.id, grown);
    return { kind: 'grown', alert: { ...open, ...grown } };
  }
  if (!spike) return null;
  const alert = { drill: run.drill, drillId: run.drillId, product, suggestion: spike.suggestion, municipalities: spike.municipalities, count: spike.count, firstAt: spike.firstAt, lastAt: spike.lastAt, raisedAt: now };
  const id = insertAlert(ctx.db, alert);
  audit(ctx, caller, {
    action: 'signal_alert_raised',
    subject: { type: 'signal_alert', id },
    details: { product, suggestion: spike.suggestion, municipalities: spike.municipalities, count: spike.count, first_at: spike.firstAt.toISOString(), last_at: spike.lastAt.toISOString() },
    at: now,
  });
  const raised: SignalAlert = { id, ...alert, closedAt: null, closedByName: null, closeReason: null, incidentId: null };
  // The incident managers hear of it at once, once: the alert's mail commits with the alert.
  queueSignalAlertMail(ctx, raised);
  return { kind: 'raised', alert: raised };
}
