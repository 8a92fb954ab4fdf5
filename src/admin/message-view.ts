import type { Language } from '../domain/index.ts';
import type { AdminMessages } from '../i18n/admin-messages.ts';
import type { SignedInUser } from '../use-cases/authorise.ts';
import type { UseCaseContext } from '../use-cases/context.ts';
import type { MessageRecord } from '../use-cases/messages/list-messages.ts';
import { messageOutput, type MessageOutput } from '../use-cases/messages/message-output.ts';
import type { TemplateSummary } from '../use-cases/messages/template-types.ts';
import { draftProblems } from './compose-model.ts';
import type { FieldError } from './form-errors.ts';

/** What a message sends, or why it cannot be rendered now (in the reader's language). */
export function messagePreview(ctx: UseCaseContext, user: SignedInUser, message: MessageRecord, template: TemplateSummary | null, t: AdminMessages, lang: Language): { content: MessageOutput | null; problems: FieldError[] } {
  try {
    return { content: messageOutput(ctx, user, message), problems: [] };
  } catch (error) {
    const problems = template ? draftProblems(error, template, t, lang) : null;
    if (!problems) throw error;
    // This page has no form fields: the problems name them, and the composer fixes them under "Bewerken".
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
