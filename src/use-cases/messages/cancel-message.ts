import { decideMessageTransition, type MessageActor } from '../../domain/message-lifecycle.ts';
import { transaction } from '../../store/database.ts';
import { markCancelled, requireMessage, type MessageRecord } from '../../store/messages-repository.ts';
import { auditMessage } from './audit-message.ts';
import type { UseCaseContext } from '../context.ts';

/** Ends a message that has not been approved; it stays on record, it just never goes out. */
export function cancelMessage(
  ctx: UseCaseContext,
  actor: MessageActor,
  input: { messageId: string },
): MessageRecord {
  const at = ctx.clock.now();
  return transaction(ctx.db, () => {
    const message = requireMessage(ctx.db, input.messageId);
    decideMessageTransition(message, 'cancel', actor);
    markCancelled(ctx.db, message.id, { state: message.state, revision: message.revision }, actor.userId, at);
    auditMessage(ctx.db, {
      actor,
      event: 'cancelled',
      message: { id: message.id, drill: message.draft.drill },
      at,
      state: 'cancelled',
      details: { from: message.state },
    });
    return requireMessage(ctx.db, message.id);
  });
}
