import type { StoredContact } from '../../domain/contact.ts';
import { Refusal } from '../../domain/index.ts';
import type { MessageSubject } from '../../domain/message-lifecycle.ts';
import type { Municipality } from '../../domain/municipality.ts';
import { selectRecipients } from '../../domain/recipients.ts';
import type { Scope } from '../../domain/scope.ts';
import { mailboxKey } from '../../domain/contact.ts';
import { selectSubscribers, subscriberRecipientId, type Subscriber } from '../../domain/subscription.ts';
import type { Database } from '../../store/database.ts';
import type { AudienceResolver } from '../../use-cases/context.ts';

/**
 * The audience from the contacts table: active, subscribed contacts of the municipalities the
 * incident or maintenance affects who want its products (src/domain/recipients.ts decides), and
 * beside them the self-service subscribers who chose those municipalities and products
 * (src/domain/subscription.ts). The approval hash covers both.
 * `findSubject` reads the incident or maintenance from the context's content.
 */
export function createContactAudience(options: {
  findSubject: (subject: MessageSubject) => { components: readonly string[]; scope: Scope } | null;
  municipalities: () => readonly Municipality[];
  listContacts: (db: Database) => readonly StoredContact[];
  /** Self-service subscribers (double opt-in); an address that is also a contact gets the contact's copy only. */
  listSubscribers?: (db: Database) => readonly Subscriber[];
}): AudienceResolver {
  return {
    resolve(db, subject) {
      const found = options.findSubject(subject);
      if (!found) throw new Refusal('subject_not_found', { detail: `${subject.kind} ${subject.id}` });
      const municipalities = options.municipalities();
      const contacts = selectRecipients(found, municipalities, options.listContacts(db)).map((recipient) => ({
        contactId: String(recipient.contactId),
        address: recipient.email,
        lang: recipient.language,
      }));
      const taken = new Set(contacts.map((recipient) => mailboxKey(recipient.address)));
      const subscribers = selectSubscribers(found, municipalities, options.listSubscribers?.(db) ?? [])
        .filter((subscriber) => !taken.has(mailboxKey(subscriber.email)))
        .map((subscriber) => ({ contactId: subscriberRecipientId(subscriber.id), address: subscriber.email, lang: subscriber.language }));
      return [...contacts, ...subscribers];
    },
  };
}
