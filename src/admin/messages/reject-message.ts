import { decideMessageTransition, normaliseRejectionReason, type MessageActor } from '../../domain/message-lifecycle.ts';
import { transaction } from '../../store/database.ts';
import { insertRejection, requireMessage, type MessageRecord } from '../../store/messages-repository.ts';
import { auditMessage } from './audit-message.ts';
import type { MessageDeps } from './ports.ts';

/** An approver sends a submitted message back with a reason the author sees while revising. */
export function rejectMessage(
  deps: Pick<MessageDeps, 'db' | 'clock'>,
  actor: MessageActor,
  input: { messageId: string; reason: string },
): MessageRecord {
  const at = deps.clock.now();
  return transaction(deps.db, () => {
    const message = requireMessage(deps.db, input.messageId);
    decideMessageTransition(message, 'reject', actor, { reason: input.reason });
    const reason = normaliseRejectionReason(input.reason);
    insertRejection(deps.db, {
      messageId: message.id,
      expectedRevision: message.revision,
      by: actor.userId,
      reason,
      submittedHash: message.submission!.hash,
      at,
    });
    auditMessage(deps.db, {
      actor,
      event: 'rejected',
      message: { id: message.id, drill: message.draft.drill },
      at,
      state: 'rejected',
      details: { reason, hash: message.submission!.hash },
    });
    return requireMessage(deps.db, message.id);
  });
}
