import { decideMessageTransition, type MessageActor } from '../../domain/message-lifecycle.ts';
import { transaction } from '../../store/database.ts';
import { addContributor, markSubmitted, replaceSubmissionSnapshot, requireMessage, type MessageRecord } from '../../store/messages-repository.ts';
import { computeApproval } from './approval-content.ts';
import { auditMessage } from './audit-message.ts';
import type { UseCaseContext } from '../context.ts';
import { queueApprovalWaitingMail } from '../approval-waiting-mail.ts';

/**
 * Offers a draft for approval: renders every language, resolves the audience, stores both as
 * the snapshot the approver reads, and binds the submission to their hash. A template that
 * refuses the values throws here and the message stays a draft. The approvers are e-mailed that
 * it waits for them, with the link to it (once per message).
 */
export function submitMessage(
  ctx: UseCaseContext,
  actor: MessageActor,
  input: { messageId: string; expectedRevision?: number },
): MessageRecord {
  const at = ctx.clock.now();
  const submitted = transaction(ctx.db, () => {
    const message = requireMessage(ctx.db, input.messageId);
    decideMessageTransition(message, 'submit', actor);
    const approval = computeApproval(ctx, message);
    replaceSubmissionSnapshot(ctx.db, message.id, approval.content);
    markSubmitted(ctx.db, message.id, input.expectedRevision ?? message.revision, {
      by: actor.userId,
      hash: approval.hash,
      content: approval.canonical,
      at,
    });
    addContributor(ctx.db, message.id, actor.userId, 'submitted', at);
    auditMessage(ctx.db, {
      actor,
      event: 'submitted',
      message: { id: message.id, drill: message.draft.drill },
      at,
      state: 'submitted',
      details: {
        hash: approval.hash,
        languages: approval.content.renderings.map((rendering) => rendering.lang),
        recipients: approval.content.audience.length,
        template_version: approval.content.renderings[0]?.templateVersion,
      },
    });
    const subjects = Object.fromEntries(approval.content.renderings.map((rendering) => [rendering.lang, rendering.subject]));
    queueApprovalWaitingMail(ctx, { kind: 'message', messageId: message.id, title: { nl: subjects.nl ?? message.id, ...subjects }, authorId: actor.userId, authorName: actor.name });
    return requireMessage(ctx.db, message.id);
  });
  ctx.mail.wake();
  return submitted;
}
