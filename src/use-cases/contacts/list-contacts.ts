import { findContact, listContacts as listContactRows, type ContactRecord } from '../../store/contacts-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

export type { ContactRecord };

/** Contacts, optionally of some municipalities or only those who unsubscribed. Personal data: admins only. */
export function listContacts(ctx: UseCaseContext, caller: Caller, filter: { municipalities?: readonly string[]; unsubscribedOnly?: boolean } = {}): ContactRecord[] {
  authorise(caller, 'subscriber.manage');
  return listContactRows(ctx.db, filter);
}

export function getContact(ctx: UseCaseContext, caller: Caller, id: number): ContactRecord | null {
  authorise(caller, 'subscriber.manage');
  return Number.isSafeInteger(id) ? findContact(ctx.db, id) : null;
}
