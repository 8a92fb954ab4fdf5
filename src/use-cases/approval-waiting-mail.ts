import type { Language, LocalizedText } from '../domain/index.ts';
import { localize } from '../domain/index.ts';
import { listUsers } from '../store/user-repository.ts';
import { renderApprovalWaitingMail } from '../templates/reminder-mail.ts';
import type { UseCaseContext } from './context.ts';
import { approvalDutyConflict } from './separation-of-duties.ts';
import { queueInternalMail } from './internal-mail.ts';

/** What waits for an approver: a message (e-mail and its channels) or a change of the public page. */
export type WaitingItem =
  | { kind: 'message'; messageId: string; title: Readonly<Partial<Record<Language, string>>> & { nl: string }; authorId: number; authorName: string }
  | { kind: 'change' | 'review'; changeId: string; incidentId: string; title: LocalizedText; authorId: number; authorName: string };

/** A waiting item's outbox id: one mail per message or public change, however often it is offered. */
export function approvalWaitingMailId(item: WaitingItem): string {
  return item.kind === 'message' ? `goedkeuring-bericht-${item.messageId}` : `goedkeuring-wijziging-${item.changeId}`;
}

/** A day: after that the approvers see it on the dashboard anyway. */
const APPROVAL_MAIL_EXPIRY_MINUTES = 24 * 60;

/**
 * Tells every active approver who may decide it that something waits for their decision: never
 * the author (nobody approves their own) nor an approver that separation of duties keeps from it
 * (they changed the author's account, or their own roles changed, lately), with the direct link to the page where they decide. Call it INSIDE the
 * transaction that offers the item, so the offer and the mail commit together; the caller wakes
 * the dispatcher after commit. Once per item: a message offered again after it went back to draft
 * mails nobody twice. A drill's item is a drill mail, only captured and marked OEFENING.
 */
export function queueApprovalWaitingMail(ctx: UseCaseContext, item: WaitingItem): boolean {
  const approvers = listUsers(ctx.db, { active: true, role: 'approver' }).filter(
    (user) => user.id !== item.authorId && approvalDutyConflict(ctx, { userId: user.id }, { authorId: item.authorId }) === null,
  );
  const adminUrl = ctx.config.adminUrl.replace(/\/+$/, '');
  const url =
    item.kind === 'message'
      ? `${adminUrl}/admin/berichten/${encodeURIComponent(item.messageId)}`
      : `${adminUrl}/admin/incidenten/${encodeURIComponent(item.incidentId)}#wacht-op-goedkeuring`;
  return queueInternalMail(ctx, {
    messageId: approvalWaitingMailId(item),
    at: ctx.clock.now(),
    expiryMinutes: APPROVAL_MAIL_EXPIRY_MINUTES,
    createdBy: 'goedkeuring',
    recipients: approvers,
    render: (lang) =>
      renderApprovalWaitingMail(lang, {
        kind: item.kind,
        title: item.kind === 'message' ? (item.title[lang] ?? item.title.nl) : localize(item.title, lang).text,
        authorName: item.authorName,
        url,
        drill: ctx.drill,
      }),
  });
}
