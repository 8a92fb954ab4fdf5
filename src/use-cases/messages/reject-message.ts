import { decideMessageTransition, normaliseRejectionReason, type MessageActor } from '../../domain/message-lifecycle.ts';
import { transaction } from '../../store/database.ts';
import { insertRejection, requireMessage, type MessageRecord } from '../../store/messages-repository.ts';
import { auditMessage } from './audit-message.ts';
import type { UseCaseContext } from '../context.ts';

/** An approver sends a submitted message back with a reason the author sees while revising. */
export function rejectMessage(
  ctx: UseCaseContext,
  actor: MessageActor,
  input: { messageId: string; reason: string },
): MessageRecord {
  const at = ctx.clock.now();
  return transaction(ctx.db, () => {
    const message = requireMessage(ctx.db, input.messageId);
    decideMessageTransition(message, 'reject', actor, { reason: input.reason });
    const reason = normaliseRejectionReason(input.reason);
    insertRejection(ctx.db, {
      messageId: message.id,
      expectedRevision: message.revision,
      by: actor.userId,
      reason,
      submittedHash: message.submission!.hash,
      at,
    });
    auditMessage(ctx.db, {
      actor,
      event: 'rejected',
      message: { id: message.id, drill: message.draft.drill },
      at,
      state: 'rejected',
      details: { reason, hash: message.submission!.hash },
    });
    return requireMessage(ctx.db, message.id);
  });
}
