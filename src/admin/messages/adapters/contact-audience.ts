import type { StoredContact } from '../../../domain/contact.ts';
import type { MessageSubject } from '../../../domain/message-lifecycle.ts';
import type { Municipality } from '../../../domain/municipality.ts';
import { selectRecipients } from '../../../domain/recipients.ts';
import type { Scope } from '../../../domain/scope.ts';
import type { Database } from '../../../store/database.ts';
import type { AudienceResolver } from '../ports.ts';

/** Thrown when a message's incident or maintenance cannot be found, so no audience can be chosen. */
export class UnknownMessageSubjectError extends Error {
  constructor(subject: MessageSubject) {
    super(`${subject.kind} "${subject.id}" was not found in the content; a message needs an existing ${subject.kind} to choose its audience`);
    this.name = 'UnknownMessageSubjectError';
  }
}

/**
 * The audience from the contacts table: active, subscribed contacts of the municipalities the
 * incident or maintenance affects who want its products (src/domain/recipients.ts decides).
 * `findSubject` reads the incident or maintenance (from the drill content for drills).
 */
export function createContactAudience(options: {
  findSubject: (subject: MessageSubject, drill: boolean) => { components: readonly string[]; scope: Scope } | null;
  municipalities: () => readonly Municipality[];
  listContacts: (db: Database) => readonly StoredContact[];
}): AudienceResolver {
  return {
    resolve(db, subject, { drill }) {
      const found = options.findSubject(subject, drill);
      if (!found) throw new UnknownMessageSubjectError(subject);
      return selectRecipients(found, options.municipalities(), options.listContacts(db)).map((recipient) => ({
        contactId: String(recipient.contactId),
        address: recipient.email,
        lang: recipient.language,
      }));
    },
  };
}
