import { decideMessageTransition, type MessageActor } from '../../domain/message-lifecycle.ts';
import { transaction } from '../../store/database.ts';
import { markReturnedToDraft, requireMessage, type MessageRecord } from '../../store/messages-repository.ts';
import { auditMessage } from './audit-message.ts';
import type { MessageDeps } from './ports.ts';

/**
 * Takes a submitted message back (to correct it) or reopens a rejected one for revision. The
 * pending submission is dropped, so nobody can approve the old content any more.
 */
export function returnToDraft(
  deps: Pick<MessageDeps, 'db' | 'clock'>,
  actor: MessageActor,
  input: { messageId: string },
): MessageRecord {
  const at = deps.clock.now();
  return transaction(deps.db, () => {
    const message = requireMessage(deps.db, input.messageId);
    decideMessageTransition(message, 'return_to_draft', actor);
    markReturnedToDraft(deps.db, message.id, { state: message.state, revision: message.revision }, at);
    auditMessage(deps.db, {
      actor,
      event: 'returned_to_draft',
      message: { id: message.id, drill: message.draft.drill },
      at,
      state: 'draft',
      details: { from: message.state },
    });
    return requireMessage(deps.db, message.id);
  });
}
