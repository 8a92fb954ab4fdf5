import type { Clock } from '../auth/clock.ts';
import type { AuditActor } from '../store/audit-log.ts';
import { transaction, type Database } from '../store/database.ts';
import { requireOutboxMessage, setOutboxMessageState } from '../store/outbox-repository.ts';
import { appendAudit } from '../store/audit-log.ts';

/** Lets the dispatcher continue a paused send (call dispatcher.wake() afterwards). */
export function resumeSend(deps: { db: Database; clock: Clock }, input: { messageId: string; actor: AuditActor }): { waiting: number } {
  return transaction(deps.db, () => {
    const message = requireOutboxMessage(deps.db, input.messageId);
    const waiting = setOutboxMessageState(deps.db, input.messageId, ['paused'], 'active', deps.clock.now());
    appendAudit(deps.db, { actor: input.actor, action: 'delivery_resumed', subject: { type: 'message', id: input.messageId }, details: { waiting }, drill: message.drill, at: deps.clock.now() });
    return { waiting };
  });
}
