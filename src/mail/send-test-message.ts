import { randomUUID } from 'node:crypto';
import type { Clock } from '../auth/clock.ts';
import { MailboxSchema } from '../domain/contact.ts';
import type { AuditActor } from '../store/audit-log.ts';
import { transaction, type Database } from '../store/database.ts';
import { enqueueMessage, OutboxError } from '../store/outbox-repository.ts';
import { UNSUBSCRIBE_PLACEHOLDER } from '../templates/unsubscribe-placeholder.ts';
import { appendAudit } from '../store/audit-log.ts';

/**
 * "Send a test message to me": one message through the real outbox, composer and transport, so
 * its status (the SMTP server's reply, or why it failed) shows whether the mail set-up works.
 * Returns the outbox message id to follow. Call dispatcher.wake() afterwards.
 */
export function sendTestMessage(
  deps: { db: Database; clock: Clock; drill?: boolean },
  input: { to: { address: string; name: string }; language: 'nl' | 'en'; actor: AuditActor },
): { messageId: string } {
  const address = MailboxSchema.safeParse(input.to.address);
  if (!address.success) throw new OutboxError('invalid_input', `to.address: ${address.error.issues[0]!.message}`);
  const now = deps.clock.now();
  const messageId = `test-${randomUUID()}`;
  const when = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'long', timeStyle: 'short' }).format(now);
  const whenEn = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', dateStyle: 'long', timeStyle: 'short' }).format(now);
  return transaction(deps.db, () => {
    enqueueMessage(
      deps.db,
      {
        messageId,
        threadKey: messageId,
        kind: 'test',
        drill: deps.drill ?? false,
        approvedAt: now,
        expiryMinutes: 60,
        createdBy: input.actor.name,
        renderings: [
          {
            lang: 'nl',
            subject: 'Testbericht van Helder',
            html: `<!doctype html><html lang="nl"><body><p>Dit is een testbericht van Helder, verstuurd op ${when} op verzoek van ${escapeHtml(input.actor.name)}.</p><p>Komt dit bericht aan, dan werkt de e-mailinstelling.</p><p><a href="${UNSUBSCRIBE_PLACEHOLDER}">Afmeldlink (test: meldt niemand af)</a></p></body></html>`,
            text: `Dit is een testbericht van Helder, verstuurd op ${when} op verzoek van ${input.actor.name}.\n\nKomt dit bericht aan, dan werkt de e-mailinstelling.\n\nAfmeldlink (test: meldt niemand af): ${UNSUBSCRIBE_PLACEHOLDER}\n`,
          },
          {
            lang: 'en',
            subject: 'Test message from Helder',
            html: `<!doctype html><html lang="en"><body><p>This is a test message from Helder, sent on ${whenEn} at the request of ${escapeHtml(input.actor.name)}.</p><p>If it arrives, the e-mail set-up works.</p><p><a href="${UNSUBSCRIBE_PLACEHOLDER}">Unsubscribe link (test: unsubscribes nobody)</a></p></body></html>`,
            text: `This is a test message from Helder, sent on ${whenEn} at the request of ${input.actor.name}.\n\nIf it arrives, the e-mail set-up works.\n\nUnsubscribe link (test: unsubscribes nobody): ${UNSUBSCRIBE_PLACEHOLDER}\n`,
          },
        ],
        recipients: [{ contactId: null, address: address.data, lang: input.language, name: input.to.name }],
      },
      input.actor,
    );
    appendAudit(deps.db, { actor: input.actor, action: 'test_message_sent', subject: { type: 'message', id: messageId }, details: { to: address.data }, drill: deps.drill ?? false, at: now });
    return { messageId };
  });
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
