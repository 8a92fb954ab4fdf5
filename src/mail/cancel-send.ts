import type { Clock } from '../auth/clock.ts';
import type { AuditActor } from '../store/audit-log.ts';
import { transaction, type Database } from '../store/database.ts';
import { requireOutboxMessage, setOutboxMessageState } from '../store/outbox-repository.ts';
import { appendAudit } from '../store/audit-log.ts';

/**
 * Cancels the rest of a send: queued and retrying deliveries become 'cancelled'. What was already
 * handed to the SMTP server cannot be recalled; deliveries in flight finish and keep their result.
 */
export function cancelSend(deps: { db: Database; clock: Clock }, input: { messageId: string; actor: AuditActor }): { cancelled: number } {
  return transaction(deps.db, () => {
    const message = requireOutboxMessage(deps.db, input.messageId);
    const cancelled = setOutboxMessageState(deps.db, input.messageId, ['active', 'paused'], 'cancelled', deps.clock.now());
    appendAudit(deps.db, { actor: input.actor, action: 'delivery_cancelled', subject: { type: 'message', id: input.messageId }, details: { cancelled }, drill: message.drill, at: deps.clock.now() });
    return { cancelled };
  });
}
