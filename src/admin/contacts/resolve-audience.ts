import type { Municipality } from '../../domain/municipality.ts';
import { selectRecipients, type Recipient } from '../../domain/recipients.ts';
import type { Scope } from '../../domain/scope.ts';
import { listContacts } from '../../store/contacts-repository.ts';
import type { Database } from '../../store/database.ts';

/**
 * The audience of a message about an incident or maintenance, read from the store now: for the
 * preview (count and list) and, inside the approval transaction, to freeze exactly what is
 * approved. `subjectScope` looks up the affected products and scope (from the content).
 */
export function createAudienceResolver<Subject>(deps: {
  subjectScope: (subject: Subject) => { components: readonly string[]; scope: Scope };
  municipalities: () => readonly Municipality[];
}) {
  return {
    recipients(db: Database, subject: Subject): Recipient[] {
      return selectRecipients(deps.subjectScope(subject), deps.municipalities(), listContacts(db));
    },
    /** In the shape of `AudienceResolver` (src/admin/messages/ports.ts). */
    resolve(db: Database, subject: Subject): Array<{ contactId: string; address: string; lang: Recipient['language'] }> {
      return this.recipients(db, subject).map((recipient) => ({ contactId: String(recipient.contactId), address: recipient.email, lang: recipient.language }));
    },
  };
}
