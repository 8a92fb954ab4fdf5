import { affectedMunicipalities } from './audience.ts';
import { mailboxKey, type StoredContact } from './contact.ts';
import type { Municipality } from './municipality.ts';
import type { Scope } from './scope.ts';
import type { Language } from './vocabulary.ts';

/** One address a message goes to. */
export interface Recipient {
  /** The contact whose unsubscribe link the message carries (the lowest id if merged). */
  contactId: number;
  email: string;
  name: string;
  language: Language;
  /** Municipalities this address is a contact for within the audience, sorted. */
  municipalities: string[];
}

/** Whether a contact wants messages about at least one of the given products. */
export function wantsProducts(contact: Pick<StoredContact, 'products'>, products: readonly string[]): boolean {
  return contact.products === 'all' || contact.products.some((product) => products.includes(product));
}

/**
 * A message's audience: the active, not-unsubscribed contacts of the municipalities an incident or
 * maintenance affects, who want messages about the affected products. An address that is a contact
 * for several municipalities gets one message (compared case-insensitively). Sorted by address, so
 * the same inputs always give the same list (the approval hash covers it).
 */
export function selectRecipients(
  subject: { components: readonly string[]; scope: Scope },
  municipalities: readonly Municipality[],
  contacts: readonly StoredContact[],
): Recipient[] {
  const affected = new Set(affectedMunicipalities(subject, municipalities).map((municipality) => municipality.id));
  // An address that unsubscribed anywhere stays out, even if another row for it was added later.
  const unsubscribed = new Set(contacts.filter((contact) => contact.unsubscribedAt !== null).map((contact) => mailboxKey(contact.email)));
  const byAddress = new Map<string, Recipient>();
  const eligible = contacts
    .filter((contact) => contact.active && !unsubscribed.has(mailboxKey(contact.email)))
    .filter((contact) => affected.has(contact.municipality) && wantsProducts(contact, subject.components))
    .sort((a, b) => a.id - b.id);
  for (const contact of eligible) {
    const key = mailboxKey(contact.email);
    const known = byAddress.get(key);
    if (known) {
      if (!known.municipalities.includes(contact.municipality)) known.municipalities.push(contact.municipality);
      continue;
    }
    byAddress.set(key, {
      contactId: contact.id,
      email: contact.email,
      name: contact.name,
      language: contact.language,
      municipalities: [contact.municipality],
    });
  }
  return [...byAddress.values()]
    .map((recipient) => ({ ...recipient, municipalities: recipient.municipalities.sort() }))
    .sort((a, b) => (mailboxKey(a.email) < mailboxKey(b.email) ? -1 : mailboxKey(a.email) > mailboxKey(b.email) ? 1 : 0));
}
