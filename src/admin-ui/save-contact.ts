import type { HelderApp } from '../app/helder-app.ts';
import { requirePermission } from '../auth/roles.ts';
import { auditActorOf, type SignedInUser } from '../auth/signed-in-user.ts';
import { ContactSchema, type ContactInput } from '../domain/contact.ts';
import { appendAudit } from '../store/audit-log.ts';
import { findContact, findContactByAddress, insertContact, updateContact } from '../store/contacts-repository.ts';
import { transaction } from '../store/database.ts';
import type { FieldError } from './form-errors.ts';

export type SaveContactResult = { ok: true; id: number } | { ok: false; errors: FieldError[] };

/**
 * Adds a contact, or changes one (deactivating is `active: false`: the contact stays on record and
 * receives nothing). Checks the admin permission itself, validates with the domain's ContactSchema
 * and the catalogue, refuses a second contact with the same address at the same municipality, and
 * writes the change and its audit entry together. An unsubscribe is never lifted here.
 */
export function saveContact(app: HelderApp, user: SignedInUser, id: number | null, input: ContactInput): SaveContactResult {
  requirePermission(user, 'subscriber.manage');
  const parsed = ContactSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? ''), message: issue.message })) };
  const contact = parsed.data;
  const content = app.content();
  const errors: FieldError[] = [];
  if (!content.municipalities.some((municipality) => municipality.id === contact.municipality)) errors.push({ field: 'municipality', message: `onbekende gemeente ${contact.municipality} (unknown municipality)` });
  const known = new Set(content.components.map((component) => component.id));
  if (contact.products !== 'all') for (const product of contact.products) if (!known.has(product)) errors.push({ field: 'products', message: `onbekend product ${product} (unknown product)` });
  if (errors.length > 0) return { ok: false, errors };
  const now = app.clock.now();
  return transaction(app.db, (): SaveContactResult => {
    const existing = id === null ? null : findContact(app.db, id);
    if (id !== null && !existing) return { ok: false, errors: [{ field: '', message: 'Deze contactpersoon bestaat niet (meer). (This contact does not exist.)' }] };
    const same = findContactByAddress(app.db, contact.municipality, contact.email);
    if (same && same.id !== id) {
      return { ok: false, errors: [{ field: 'email', message: `Dit adres staat al bij deze gemeente (${same.name}). (This address is already listed for this municipality.)` }] };
    }
    const savedId = existing ? (updateContact(app.db, existing.id, contact, now), existing.id) : insertContact(app.db, contact, now);
    appendAudit(app.db, {
      actor: auditActorOf(user),
      action: existing ? 'subscriber_changed' : 'subscriber_added',
      subject: { type: 'contact', id: savedId },
      details: { municipality: contact.municipality, email: contact.email, active: contact.active, ...(existing && existing.active !== contact.active ? { activeChanged: true } : {}) },
      drill: app.drillMode,
      at: now,
    });
    return { ok: true, id: savedId };
  });
}
