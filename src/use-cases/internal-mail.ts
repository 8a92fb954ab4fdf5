import type { Language } from '../domain/index.ts';
import { enqueueMessage, findOutboxMessage } from '../store/outbox-repository.ts';
import type { UseCaseContext } from './context.ts';

/** One colleague who receives an internal mail (a staff account, not a contact). */
export interface StaffRecipient {
  email: string;
  name: string;
}

/** An internal mail to colleagues: an alert, a reminder, a message that waits for approval. */
export interface InternalMail {
  /**
   * The outbox id, derived from what the mail is about (e.g. herinnering-<incident>-<time>-voor):
   * the outbox holds one message per id, so the same mail is never queued twice, also not after a
   * restart.
   */
  messageId: string;
  /** When it became news; the outbox counts its expiry from here. */
  at: Date;
  /** How long it is retried: after this it is no news any more. */
  expiryMinutes: number;
  /** Who queued it, for the outbox and its audit entry (a system name such as 'herinnering'). */
  createdBy: string;
  recipients: readonly StaffRecipient[];
  render(lang: Language): { subject: string; html: string; text: string };
}

/**
 * Queues an internal mail through the durable outbox like every other mail (no contacts, no
 * thread of its own). In the drill context the mail is a drill message, so the transport only
 * captures it, never sends it; the renderer marks it OEFENING. Runs inside the caller's
 * transaction when there is one. Returns false when nothing was queued: no recipients, or this id
 * is already in the outbox. The caller wakes the dispatcher after commit.
 */
export function queueInternalMail(ctx: UseCaseContext, mail: InternalMail): boolean {
  const seen = new Set<string>();
  const recipients = mail.recipients.filter((recipient) => {
    const key = recipient.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (recipients.length === 0 || findOutboxMessage(ctx.db, mail.messageId)) return false;
  enqueueMessage(
    ctx.db,
    {
      messageId: mail.messageId,
      threadKey: mail.messageId,
      kind: 'test',
      drill: ctx.drill,
      approvedAt: mail.at,
      expiryMinutes: mail.expiryMinutes,
      createdBy: mail.createdBy,
      renderings: [
        { lang: 'nl', ...mail.render('nl') },
        { lang: 'en', ...mail.render('en') },
      ],
      // Staff accounts have no language of their own: the admin's first language.
      recipients: recipients.map((recipient) => ({ contactId: null, address: recipient.email, lang: 'nl' as const, name: recipient.name })),
    },
    { kind: 'system', name: mail.createdBy },
  );
  return true;
}
