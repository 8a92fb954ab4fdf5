import { decideMessageTransition, type MessageActor } from '../../domain/message-lifecycle.ts';
import { transaction } from '../../store/database.ts';
import { markReturnedToDraft, requireMessage, type MessageRecord } from '../../store/messages-repository.ts';
import { auditMessage } from './audit-message.ts';
import type { UseCaseContext } from '../context.ts';

/**
 * Takes a submitted message back (to correct it) or reopens a rejected one for revision. The
 * pending submission is dropped, so nobody can approve the old content any more.
 */
export function returnToDraft(
  ctx: UseCaseContext,
  actor: MessageActor,
  input: { messageId: string },
): MessageRecord {
  const at = ctx.clock.now();
  return transaction(ctx.db, () => {
    const message = requireMessage(ctx.db, input.messageId);
    decideMessageTransition(message, 'return_to_draft', actor);
    markReturnedToDraft(ctx.db, message.id, { state: message.state, revision: message.revision }, at);
    auditMessage(ctx.db, {
      actor,
      event: 'returned_to_draft',
      message: { id: message.id, drill: message.draft.drill },
      at,
      state: 'draft',
      details: { from: message.state },
    });
    return requireMessage(ctx.db, message.id);
  });
}
