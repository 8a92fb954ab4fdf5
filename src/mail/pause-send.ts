import type { Clock } from '../auth/clock.ts';
import type { AuditActor } from '../store/audit-log.ts';
import { transaction, type Database } from '../store/database.ts';
import { requireOutboxMessage, setOutboxMessageState } from '../store/outbox-repository.ts';
import { appendAudit } from '../store/audit-log.ts';

/** Stops the dispatcher from claiming more deliveries of a message; those in flight finish. */
export function pauseSend(deps: { db: Database; clock: Clock }, input: { messageId: string; actor: AuditActor }): { waiting: number } {
  return transaction(deps.db, () => {
    const message = requireOutboxMessage(deps.db, input.messageId);
    const waiting = setOutboxMessageState(deps.db, input.messageId, ['active'], 'paused', deps.clock.now());
    appendAudit(deps.db, { actor: input.actor, action: 'delivery_paused', subject: { type: 'message', id: input.messageId }, details: { waiting }, drill: message.drill, at: deps.clock.now() });
    return { waiting };
  });
}
