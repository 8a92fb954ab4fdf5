import { enqueueMessage } from '../../store/outbox-repository.ts';
import type { Database } from '../../store/database.ts';
import type { ApprovedMessage } from '../../use-cases/context.ts';

/** The durable outbox of src/store/outbox-repository.ts; it joins the approval transaction. */
export function createOutbox(options: { expiryMinutes?: number } = {}): { enqueue(db: Database, message: ApprovedMessage): void } {
  return {
    enqueue(db, message) {
      enqueueMessage(
        db,
        {
          messageId: message.messageId,
          threadKey: message.threadKey,
          drill: message.drill,
          approvedAt: message.approvedAt,
          createdBy: message.approvedBy.name,
          ...(options.expiryMinutes === undefined ? {} : { expiryMinutes: options.expiryMinutes }),
          renderings: message.renderings.map(({ lang, subject, html, text }) => ({ lang, subject, html, text })),
          recipients: message.recipients.map((recipient) => ({ contactId: recipient.contactId, address: recipient.address, lang: recipient.lang })),
          ...(message.channels ? { channels: { content: message.channels.content, destinations: message.channels.destinations.map(({ id, name }) => ({ id, name })) } } : {}),
        },
        { kind: 'user', userId: message.approvedBy.userId, name: message.approvedBy.name },
      );
    },
  };
}
