import type { HelderApp } from '../app/helder-app.ts';
import { computeApproval } from '../admin/messages/approval-content.ts';
import type { ApprovalRecipient, ApprovalRendering } from '../domain/approval-hash.ts';
import type { Language } from '../domain/index.ts';
import { listAudience, listRenderings, type MessageRecord } from '../store/messages-repository.ts';
import { refusalErrors, type FieldError } from './form-errors.ts';

export interface MessageOutput {
  content: { renderings: readonly ApprovalRendering[]; audience: readonly ApprovalRecipient[] } | null;
  problems: FieldError[];
}

/**
 * What a message sends: for a draft its current rendering (the template, contacts and content as
 * they are now); once submitted, the frozen snapshot the approval is bound to.
 */
export function messagePreview(app: HelderApp, message: MessageRecord, lang: Language): MessageOutput {
  if (message.state !== 'draft') {
    return { content: { renderings: listRenderings(app.db, message.id), audience: listAudience(app.db, message.id) }, problems: [] };
  }
  try {
    return { content: computeApproval(app.deps.messages, message).content, problems: [] };
  } catch (error) {
    const problems = refusalErrors(error, lang);
    if (!problems) throw error;
    return { content: null, problems: problems.map((problem) => ({ ...problem, field: '' })) };
  }
}

/** Why this user may not approve this message, or null when they may. The same rules the use case enforces. */
export function approvalBlocker(message: Pick<MessageRecord, 'authorId' | 'contributorIds'>, user: { userId: number; roles: readonly string[] }): 'notApprover' | 'author' | 'contributor' | null {
  if (user.userId === message.authorId) return 'author';
  if (message.contributorIds.includes(user.userId)) return 'contributor';
  if (!user.roles.includes('approver')) return 'notApprover';
  return null;
}
