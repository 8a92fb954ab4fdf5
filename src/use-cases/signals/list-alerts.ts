import { listOpenAlerts, type SignalAlert } from '../../store/signals-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

export type { SignalAlert };

/** The open alerts of this context's mode, newest first: the dashboard and GET /api/v1/signals/alerts. */
export function listSignalAlerts(ctx: UseCaseContext, caller: Caller): SignalAlert[] {
  authorise(caller, 'signal.view');
  return listOpenAlerts(ctx.db, ctx.drill);
}

/** The JSON shape of GET /api/v1/signals/alerts. */
export function alertsAsJson(alerts: readonly SignalAlert[]) {
  return {
    alerts: alerts.map((alert) => ({
      product: alert.product,
      municipalities: alert.municipalities,
      count: alert.count,
      first_at: alert.firstAt.toISOString(),
      last_at: alert.lastAt.toISOString(),
      suggestion: alert.suggestion,
    })),
  };
}
