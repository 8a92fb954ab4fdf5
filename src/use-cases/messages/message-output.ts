import type { ApprovalRecipient, ApprovalRendering } from '../../domain/approval-hash.ts';
import { listAudience, listRenderings, type MessageRecord } from '../../store/messages-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { computeApproval } from './approval-content.ts';

export interface MessageOutput {
  renderings: readonly ApprovalRendering[];
  audience: readonly ApprovalRecipient[];
}

/**
 * What a message sends: for a draft its current rendering (the template, contacts and content as
 * they are now, so a refusal names what to fix); once submitted, the frozen snapshot the approval
 * is bound to.
 */
export function messageOutput(ctx: UseCaseContext, caller: Caller, message: MessageRecord): MessageOutput {
  authorise(caller, 'message.view');
  if (message.state !== 'draft') return { renderings: listRenderings(ctx.db, message.id), audience: listAudience(ctx.db, message.id) };
  return computeApproval(ctx, message).content;
}
