import type { Clock } from '../auth/clock.ts';
import type { AuditActor } from '../store/audit-log.ts';
import { transaction, type Database } from '../store/database.ts';
import { requeueDeliveries, requireOutboxMessage } from '../store/outbox-repository.ts';
import { appendAudit } from '../store/audit-log.ts';

/**
 * Sends a message again to its failed and unknown recipients only (or to the given ones among
 * them); sent, queued and expired recipients are left alone. The copies keep their Message-ID, so
 * a mail client that did get the first one shows one message. Call dispatcher.wake() afterwards.
 */
export function resendDeliveries(
  deps: { db: Database; clock: Clock; expiryMinutes: number },
  input: { messageId: string; deliveryIds?: readonly number[] | undefined; actor: AuditActor },
): { requeued: number } {
  return transaction(deps.db, () => {
    const message = requireOutboxMessage(deps.db, input.messageId);
    const requeued = requeueDeliveries(deps.db, input.messageId, deps.clock.now(), { expiryMinutes: deps.expiryMinutes, deliveryIds: input.deliveryIds });
    appendAudit(deps.db, { actor: input.actor, action: 'delivery_resent', subject: { type: 'message', id: input.messageId }, details: { requeued }, drill: message.drill, at: deps.clock.now() });
    return { requeued };
  });
}
