import type { SignalAlert } from '../../store/signals-repository.ts';
import { listUsers } from '../../store/user-repository.ts';
import { renderSignalAlertMail } from '../../templates/signal-alert-mail.ts';
import type { UseCaseContext } from '../context.ts';
import { queueInternalMail } from '../internal-mail.ts';

/** The outbox id of an alert's mail: one per alert, so the outbox itself refuses a second. */
export function signalAlertMailId(alertId: number): string {
  return `waarschuwing-${alertId}`;
}

/** How long the alert mail is retried: after a day it is no news any more. */
const ALERT_MAIL_EXPIRY_MINUTES = 24 * 60;

/**
 * Queues the mail that tells every active incident manager about a newly raised alert, through
 * the durable outbox like every other mail (internal: no contacts, no thread). Call it INSIDE the
 * transaction that raises the alert, so alert and mail commit together, and only when the alert
 * is raised: growing an alert sends nothing. A drill's alert is a drill message, so the transport
 * only captures it (marked OEFENING), never sends it. Returns the number of recipients (0: no
 * incident manager, nothing queued). The caller wakes the dispatcher after commit.
 */
export function queueSignalAlertMail(ctx: UseCaseContext, alert: SignalAlert): number {
  const managers = listUsers(ctx.db, { active: true, role: 'incident_manager' });
  if (managers.length === 0) return 0;
  const catalogue = ctx.content.readCatalogue();
  const productName = catalogue.components.find((component) => component.id === alert.product)?.name ?? alert.product;
  const names = new Map(catalogue.municipalities.map((municipality) => [municipality.id, municipality.name]));
  const values = {
    suggestion: alert.suggestion,
    productName,
    municipalityNames: alert.municipalities.map((id) => `${names.get(id) ?? id} (${id})`),
    count: alert.count,
    firstAt: alert.firstAt,
    lastAt: alert.lastAt,
    alertUrl: `${ctx.config.adminUrl.replace(/\/+$/, '')}/admin/meldingen/waarschuwing/${alert.id}`,
    drill: ctx.drill,
  };
  queueInternalMail(ctx, {
    messageId: signalAlertMailId(alert.id),
    at: alert.raisedAt,
    expiryMinutes: ALERT_MAIL_EXPIRY_MINUTES,
    createdBy: 'waarschuwing',
    recipients: managers,
    render: (lang) => renderSignalAlertMail(lang, values),
  });
  return managers.length;
}
