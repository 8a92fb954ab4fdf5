import type { HelderApp } from '../app/helder-app.ts';
import { auditActorOf, type SignedInUser } from '../auth/signed-in-user.ts';
import { appendAudit } from '../store/audit-log.ts';
import type { AuditAction } from '../store/audit-actions.ts';
import { transaction } from '../store/database.ts';
import { requeueDeliveries, requireOutboxMessage, setOutboxMessageState } from '../store/outbox-repository.ts';

export type DeliveryAction = 'pause' | 'resume' | 'cancel' | 'resend';

// The audit vocabulary has no words for these yet: the nearest word, with details.event exact.
const AUDIT: Record<DeliveryAction, AuditAction> = { pause: 'message_edited', resume: 'message_edited', cancel: 'message_cancelled', resend: 'delivery_queued' };

/**
 * Customer care's hands on a running send: pause, resume, stop, or queue failed and unknown
 * recipients again. Each change and its audit entry commit together; the caller has checked
 * `delivery.view` plus the role for the action.
 */
export function changeDelivery(app: HelderApp, user: SignedInUser, messageId: string, action: DeliveryAction): number {
  const now = app.clock.now();
  const changed = transaction(app.db, () => {
    const message = requireOutboxMessage(app.db, messageId);
    const touched =
      action === 'pause'
        ? setOutboxMessageState(app.db, messageId, ['active'], 'paused', now)
        : action === 'resume'
          ? setOutboxMessageState(app.db, messageId, ['paused'], 'active', now)
          : action === 'cancel'
            ? setOutboxMessageState(app.db, messageId, ['active', 'paused'], 'cancelled', now)
            : requeueDeliveries(app.db, messageId, now, { expiryMinutes: app.config.mail.deliveryExpiryMinutes });
    appendAudit(app.db, {
      actor: auditActorOf(user),
      action: AUDIT[action],
      subject: { type: 'message', id: messageId },
      details: { event: `send_${action}`, deliveries: touched },
      drill: message.drill,
      at: now,
    });
    return touched;
  });
  if (action === 'resume' || action === 'resend') app.wakeDispatcher();
  return changed;
}
