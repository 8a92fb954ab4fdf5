import { decideMessageTransition, type MessageActor } from '../../domain/message-lifecycle.ts';
import { transaction } from '../../store/database.ts';
import { markCancelled, requireMessage, type MessageRecord } from '../../store/messages-repository.ts';
import { auditMessage } from './audit-message.ts';
import type { MessageDeps } from './ports.ts';

/** Ends a message that has not been approved; it stays on record, it just never goes out. */
export function cancelMessage(
  deps: Pick<MessageDeps, 'db' | 'clock'>,
  actor: MessageActor,
  input: { messageId: string },
): MessageRecord {
  const at = deps.clock.now();
  return transaction(deps.db, () => {
    const message = requireMessage(deps.db, input.messageId);
    decideMessageTransition(message, 'cancel', actor);
    markCancelled(deps.db, message.id, { state: message.state, revision: message.revision }, actor.userId, at);
    auditMessage(deps.db, {
      actor,
      event: 'cancelled',
      message: { id: message.id, drill: message.draft.drill },
      at,
      state: 'cancelled',
      details: { from: message.state },
    });
    return requireMessage(deps.db, message.id);
  });
}
