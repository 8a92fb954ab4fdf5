import type { StoredContact } from '../../domain/contact.ts';
import { Refusal } from '../../domain/index.ts';
import type { MessageSubject } from '../../domain/message-lifecycle.ts';
import type { Municipality } from '../../domain/municipality.ts';
import { selectRecipients } from '../../domain/recipients.ts';
import type { Scope } from '../../domain/scope.ts';
import type { Database } from '../../store/database.ts';
import type { AudienceResolver } from '../../use-cases/context.ts';

/**
 * The audience from the contacts table: active, subscribed contacts of the municipalities the
 * incident or maintenance affects who want its products (src/domain/recipients.ts decides).
 * `findSubject` reads the incident or maintenance from the context's content.
 */
export function createContactAudience(options: {
  findSubject: (subject: MessageSubject) => { components: readonly string[]; scope: Scope } | null;
  municipalities: () => readonly Municipality[];
  listContacts: (db: Database) => readonly StoredContact[];
}): AudienceResolver {
  return {
    resolve(db, subject) {
      const found = options.findSubject(subject);
      if (!found) throw new Refusal('subject_not_found', { detail: `${subject.kind} ${subject.id}` });
      return selectRecipients(found, options.municipalities(), options.listContacts(db)).map((recipient) => ({
        contactId: String(recipient.contactId),
        address: recipient.email,
        lang: recipient.language,
      }));
    },
  };
}
