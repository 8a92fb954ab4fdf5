import { ContactSchema, type ContactInput } from '../../domain/contact.ts';
import { invalidInput, Refusal, type Problem } from '../../domain/index.ts';
import { findContact, findContactByAddress, insertContact, updateContact } from '../../store/contacts-repository.ts';
import { transaction } from '../../store/database.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';

/**
 * Adds a contact (`id` null), or changes one (deactivating is `active: false`: the contact stays
 * on record and receives nothing). Validates with the domain's ContactSchema and the catalogue,
 * refuses a second contact with the same address at the same municipality, and writes the change
 * and its audit entry together. An unsubscribe is never lifted here. Returns the contact's id.
 */
export function saveContact(ctx: UseCaseContext, caller: Caller, id: number | null, input: ContactInput): number {
  authorise(caller, 'subscriber.manage');
  const contact = parseInput(ContactSchema, input);
  const catalogue = ctx.content.readCatalogue();
  const problems: Problem[] = [];
  if (!catalogue.municipalities.some((municipality) => municipality.id === contact.municipality)) problems.push({ field: 'municipality', code: 'unknown_municipality', params: { id: contact.municipality } });
  const known = new Set(catalogue.components.map((component) => component.id));
  if (contact.products !== 'all') for (const product of contact.products) if (!known.has(product)) problems.push({ field: 'products', code: 'unknown_product', params: { id: product } });
  if (problems.length > 0) throw invalidInput(problems);
  const now = ctx.clock.now();
  return transaction(ctx.db, () => {
    const existing = id === null ? null : findContact(ctx.db, id);
    if (id !== null && !existing) throw new Refusal('contact_not_found', { detail: String(id) });
    const same = findContactByAddress(ctx.db, contact.municipality, contact.email);
    if (same && same.id !== id) throw invalidInput([{ field: 'email', code: 'duplicate_address' }]);
    const savedId = existing ? (updateContact(ctx.db, existing.id, contact, now), existing.id) : insertContact(ctx.db, contact, now);
    audit(ctx, caller, {
      action: existing ? 'subscriber_changed' : 'subscriber_added',
      subject: { type: 'contact', id: savedId },
      details: { municipality: contact.municipality, email: contact.email, active: contact.active, ...(existing && existing.active !== contact.active ? { activeChanged: true } : {}) },
      at: now,
    });
    return savedId;
  });
}
