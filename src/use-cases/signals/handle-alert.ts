import { Refusal, type ComponentStatus, type Impact, type Scope } from '../../domain/index.ts';
import { transaction } from '../../store/database.ts';
import { alertMode, closeAlert, findAlert, linkSignals, type SignalAlert } from '../../store/signals-repository.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { openIncident, type OpenIncidentInput } from '../incidents/open-incident.ts';
import { proposePublicChange } from '../incidents/propose-public-change.ts';

/**
 * Whether an alert belongs to a drill or to live work, so the screen can handle it in its own
 * context (app.contextFor); null when there is no such alert.
 */
export function signalAlertMode(ctx: UseCaseContext, caller: Caller, id: number): { drill: boolean } | null {
  authorise(caller, 'signal.view');
  return alertMode(ctx.db, id);
}

/** An alert of this context's mode; a refusal when there is none with this id. */
export function getSignalAlert(ctx: UseCaseContext, caller: Caller, id: number): SignalAlert {
  authorise(caller, 'signal.view');
  const alert = findAlert(ctx.db, ctx.drill, id);
  if (!alert) throw new Refusal('alert_not_found', { detail: String(id) });
  return alert;
}

/**
 * What the incident opened from an alert starts with: its product, as a major outage for a
 * national alert (every municipality using it) or a partial one for a local alert (the reporting
 * municipality only). The screen adds the title and first message from src/i18n.
 */
export function incidentPrefillFromAlert(alert: SignalAlert): { components: Record<string, ComponentStatus>; scope: Scope; impact: Impact; status: 'investigating' } {
  const national = alert.suggestion === 'national';
  return {
    components: { [alert.product]: national ? 'major_outage' : 'partial_outage' },
    scope: national ? 'all' : { municipalities: [...alert.municipalities] },
    impact: national ? 'major' : 'minor',
    status: 'investigating',
  };
}

/** Closes an alert without an incident ("afgehandeld": e.g. a known local problem). */
export function closeSignalAlert(ctx: UseCaseContext, caller: Caller, id: number): SignalAlert {
  authorise(caller, 'signal.alert.handle');
  const at = ctx.clock.now();
  return transaction(ctx.db, () => {
    const alert = findAlert(ctx.db, ctx.drill, id);
    if (!alert) throw new Refusal('alert_not_found', { detail: String(id) });
    if (!closeAlert(ctx.db, id, { at, byName: caller.name, reason: 'handled', incidentId: null })) throw new Refusal('alert_closed');
    audit(ctx, caller, { action: 'signal_alert_closed', subject: { type: 'signal_alert', id }, details: { product: alert.product, reason: 'handled' }, at });
    return { ...alert, closedAt: at, closedByName: caller.name, closeReason: 'handled' };
  });
}

/**
 * Opens an incident from an alert the way a person opens one (its first notice goes to the
 * approver, propose-public-change.ts), then closes the alert as linked and links the product's
 * signals of the alert's span (and any since) to the new incident. Refused before anything is
 * written when the alert is already closed.
 */
export function openIncidentFromAlert(
  ctx: UseCaseContext,
  caller: Caller,
  id: number,
  input: OpenIncidentInput,
): { incidentId: string; linkedSignals: number; outcome: 'awaiting_approval' | 'at_once' } {
  authorise(caller, 'signal.alert.handle');
  const alert = findAlert(ctx.db, ctx.drill, id);
  if (!alert) throw new Refusal('alert_not_found', { detail: String(id) });
  if (alert.closedAt) throw new Refusal('alert_closed');
  const auditDetails = { signal_alert: id };
  const opened =
    caller.kind === 'user'
      ? (({ incidentId, outcome }) => ({ id: incidentId, outcome }))(proposePublicChange(ctx, caller, { kind: 'open', input }, { auditDetails }))
      : { id: openIncident(ctx, caller, input, { auditDetails }).id, outcome: 'at_once' as const };
  const at = ctx.clock.now();
  const linkedSignals = transaction(ctx.db, () => {
    // Someone may have closed it meanwhile; the incident stands, the alert simply stays as they left it.
    if (!closeAlert(ctx.db, id, { at, byName: caller.name, reason: 'linked', incidentId: opened.id })) return 0;
    const windowMs = ctx.config.signals.rule.windowMinutes * 60_000;
    const linked = linkSignals(ctx.db, ctx.drill, alert.product, new Date(alert.firstAt.getTime() - windowMs), new Date(Math.max(at.getTime(), alert.lastAt.getTime())), opened.id);
    audit(ctx, caller, { action: 'signal_alert_closed', subject: { type: 'signal_alert', id }, details: { product: alert.product, reason: 'linked', incident: opened.id, linked_signals: linked }, at });
    return linked;
  });
  return { incidentId: opened.id, linkedSignals, outcome: opened.outcome };
}
