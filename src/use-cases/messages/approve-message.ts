import { changedApprovalParts } from '../../domain/approval-hash.ts';
import {
  ApprovalVoidedError,
  assertMayTakeAction,
  decideMessageTransition,
  nextMessageState,
  type MessageActor,
} from '../../domain/message-lifecycle.ts';
import { transaction } from '../../store/database.ts';
import { insertApproval, markReturnedToDraft, requireMessage } from '../../store/messages-repository.ts';
import { assertSeparationOfDuties, auditDutySeparationRefusal, DUTY_SEPARATION_CODES } from '../separation-of-duties.ts';
import { Refusal } from '../../domain/index.ts';
import { computeApproval, type ComputedApproval } from './approval-content.ts';
import { auditMessage } from './audit-message.ts';
import type { UseCaseContext } from '../context.ts';
import { publishMessage, type PublicationResult } from './publish-message.ts';
import { channelsOfMessage } from '../channels/channel-content.ts';

export interface ApprovalResult {
  messageId: string;
  approvalHash: string;
  approvedAt: Date;
  recipients: number;
  publication: PublicationResult;
}

/**
 * Four-eyes approval. In one transaction (BEGIN IMMEDIATE, so two approvers clicking at once are
 * serialised and the second finds it already approved): check the approver, render and resolve
 * the audience again, and compare with the hash taken at submit. Equal → approval row, state,
 * audit entry and outbox rows commit together. Different → the submission is voided, the message
 * returns to draft, and ApprovalVoidedError says what changed. After commit the dispatcher is
 * woken, and the status page is updated and republished; a failure there leaves the message
 * approved and retriable.
 */
export async function approveMessage(ctx: UseCaseContext, actor: MessageActor, input: { messageId: string }): Promise<ApprovalResult> {
  assertMayTakeAction(actor, 'approve');
  const at = ctx.clock.now();
  let outcome: { approved: ComputedApproval } | { voided: string[] };
  try {
    outcome = approveInTransaction(ctx, actor, input, at);
  } catch (error) {
    if (Refusal.is(error) && DUTY_SEPARATION_CODES.has(error.code)) {
      const message = requireMessage(ctx.db, input.messageId);
      auditDutySeparationRefusal(ctx, { kind: 'user', userId: actor.userId, name: actor.name }, error, { type: 'message', id: message.id }, { author_id: message.authorId });
    }
    throw error;
  }
  if ('voided' in outcome) throw new ApprovalVoidedError(outcome.voided);
  ctx.mail.wake();
  const publication = await publishMessage(ctx, actor, input);
  return {
    messageId: input.messageId,
    approvalHash: outcome.approved.hash,
    approvedAt: at,
    recipients: outcome.approved.content.audience.length,
    publication,
  };
}

function approveInTransaction(ctx: UseCaseContext, actor: MessageActor, input: { messageId: string }, at: Date): { approved: ComputedApproval } | { voided: string[] } {
  return transaction(ctx.db, (): { approved: ComputedApproval } | { voided: string[] } => {
    const message = requireMessage(ctx.db, input.messageId);
    decideMessageTransition(message, 'approve', actor);
    assertSeparationOfDuties(ctx.db, { approverId: actor.userId, authorId: message.authorId, at });
    const submission = message.submission!;
    let current: ComputedApproval | null = null;
    let renderFailure: string | null = null;
    try {
      current = computeApproval(ctx, message);
    } catch (error) {
      renderFailure = error instanceof Error ? error.message : String(error);
    }
    if (current === null || current.hash !== submission.hash) {
      const changed = current === null ? [`content (it can no longer be rendered: ${renderFailure})`] : changedApprovalParts(submission.content, current.canonical);
      nextMessageState(message.state, 'void');
      markReturnedToDraft(ctx.db, message.id, { state: message.state, revision: message.revision }, at);
      auditMessage(ctx.db, {
        actor,
        event: 'approval_voided',
        message: { id: message.id, drill: message.draft.drill },
        at,
        state: 'draft',
        details: { changed, submitted_hash: submission.hash, current_hash: current?.hash ?? null },
      });
      return { voided: changed };
    }
    insertApproval(ctx.db, {
      messageId: message.id,
      expectedRevision: message.revision,
      approverId: actor.userId,
      authorId: message.authorId,
      hash: current.hash,
      at,
    });
    auditMessage(ctx.db, {
      actor,
      event: 'approved',
      message: { id: message.id, drill: message.draft.drill },
      at,
      state: 'approved',
      details: { hash: current.hash, recipients: current.content.audience.length, author_id: message.authorId },
    });
    const dutch = current.content.renderings.find((rendering) => rendering.lang === 'nl')!;
    const channels = channelsOfMessage(ctx, message, dutch, at);
    ctx.mail.enqueue(ctx.db, {
      messageId: message.id,
      subject: message.draft.subject,
      threadKey: `${message.draft.subject.kind}:${message.draft.subject.id}`,
      drill: message.draft.drill,
      approvedAt: at,
      approvedBy: { userId: actor.userId, name: actor.name },
      renderings: current.content.renderings.map(({ lang, subject, html, text }) => ({ lang, subject, html, text })),
      recipients: current.content.audience,
      // Exactly the destinations the approval hash bound (resolved in this same transaction).
      channels: { content: channels.content, destinations: (current.content.channels ?? []).map(({ id, name }) => ({ id, name })) },
    });
    return { approved: current };
  });
}
