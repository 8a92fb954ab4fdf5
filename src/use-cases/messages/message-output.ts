import type { ApprovalRecipient, ApprovalRendering } from '../../domain/approval-hash.ts';
import { listAudience, listRenderings, type MessageRecord } from '../../store/messages-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { countReachableContacts } from '../../store/contacts-repository.ts';
import { computeApproval } from './approval-content.ts';

export interface MessageOutput {
  renderings: readonly ApprovalRendering[];
  audience: readonly ApprovalRecipient[];
  /** Contacts that can receive mail at all: with none, an empty audience is not about the scope. */
  contactsOnFile: number;
}

/**
 * What a message sends: for a draft its current rendering (the template, contacts and content as
 * they are now, so a refusal names what to fix); once submitted, the frozen snapshot the approval
 * is bound to.
 */
export function messageOutput(ctx: UseCaseContext, caller: Caller, message: MessageRecord): MessageOutput {
  authorise(caller, 'message.view');
  const contactsOnFile = countReachableContacts(ctx.db);
  if (message.state !== 'draft') return { renderings: listRenderings(ctx.db, message.id), audience: listAudience(ctx.db, message.id), contactsOnFile };
  return { ...computeApproval(ctx, message).content, contactsOnFile };
}
