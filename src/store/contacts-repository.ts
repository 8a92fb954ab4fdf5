import type { SQLInputValue } from 'node:sqlite';
import { ContactProductsSchema, type Contact, type StoredContact } from '../domain/contact.ts';
import type { Language } from '../domain/vocabulary.ts';
import type { Database } from './database.ts';

interface ContactRow {
  id: number;
  municipality: string;
  name: string;
  email: string;
  role: string;
  language: Language;
  products: string;
  active: number;
  unsubscribed_at: string | null;
  unsubscribed_via: string | null;
  created_at: string;
  updated_at: string;
}

export type UnsubscribeVia = 'one_click' | 'link' | 'admin';

export interface ContactRecord extends StoredContact {
  unsubscribedVia: UnsubscribeVia | null;
  createdAt: Date;
  updatedAt: Date;
}

function fromRow(row: ContactRow): ContactRecord {
  return {
    id: row.id,
    municipality: row.municipality,
    name: row.name,
    email: row.email,
    role: row.role,
    language: row.language,
    products: ContactProductsSchema.parse(JSON.parse(row.products)),
    active: row.active === 1,
    unsubscribedAt: row.unsubscribed_at ? new Date(row.unsubscribed_at) : null,
    unsubscribedVia: row.unsubscribed_via as UnsubscribeVia | null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** Adds a contact; the (municipality, address) pair must be new. Returns its id. */
export function insertContact(db: Database, contact: Contact, now: Date): number {
  const at = now.toISOString();
  const result = db
    .prepare(
      `INSERT INTO contacts (municipality, name, email, role, language, products, active, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(contact.municipality, contact.name, contact.email, contact.role, contact.language, JSON.stringify(contact.products), contact.active ? 1 : 0, at, at);
  return Number(result.lastInsertRowid);
}

/** Replaces a contact's details. Its unsubscribe state is kept: only the recipient lifts it. */
export function updateContact(db: Database, id: number, contact: Contact, now: Date): boolean {
  const result = db
    .prepare(
      `UPDATE contacts SET municipality = ?, name = ?, email = ?, role = ?, language = ?, products = ?, active = ?, updated_at = ? WHERE id = ?`,
    )
    .run(contact.municipality, contact.name, contact.email, contact.role, contact.language, JSON.stringify(contact.products), contact.active ? 1 : 0, now.toISOString(), id);
  return Number(result.changes) === 1;
}

export function findContact(db: Database, id: number): ContactRecord | null {
  const row = db.prepare('SELECT * FROM contacts WHERE id = ?').get(id) as ContactRow | undefined;
  return row ? fromRow(row) : null;
}

export function findContactByAddress(db: Database, municipality: string, email: string): ContactRecord | null {
  const row = db.prepare('SELECT * FROM contacts WHERE municipality = ? AND email = ?').get(municipality, email) as ContactRow | undefined;
  return row ? fromRow(row) : null;
}

/** How many contacts can receive mail at all (not unsubscribed): zero means no message reaches anyone yet. */
export function countReachableContacts(db: Database): number {
  return Number((db.prepare('SELECT COUNT(*) AS count FROM contacts WHERE unsubscribed_at IS NULL').get() as { count: number }).count);
}

/** All contacts, by municipality then address; optionally of some municipalities only. */
export function listContacts(db: Database, filter: { municipalities?: readonly string[]; unsubscribedOnly?: boolean } = {}): ContactRecord[] {
  const where: string[] = [];
  const params: SQLInputValue[] = [];
  if (filter.municipalities) {
    if (filter.municipalities.length === 0) return [];
    where.push(`municipality IN (${filter.municipalities.map(() => '?').join(', ')})`);
    params.push(...filter.municipalities);
  }
  if (filter.unsubscribedOnly) where.push('unsubscribed_at IS NOT NULL');
  const rows = db
    .prepare(`SELECT * FROM contacts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY municipality, email`)
    .all(...params) as unknown as ContactRow[];
  return rows.map(fromRow);
}

/**
 * Unsubscribes an address: every contact row with it (the same mailbox may be listed for several
 * municipalities), so it is in no later audience. Idempotent; returns the rows that changed.
 */
export function markAddressUnsubscribed(db: Database, email: string, via: UnsubscribeVia, now: Date): number {
  return Number(
    db
      .prepare('UPDATE contacts SET unsubscribed_at = ?, unsubscribed_via = ?, updated_at = ? WHERE email = ? AND unsubscribed_at IS NULL')
      .run(now.toISOString(), via, now.toISOString(), email).changes,
  );
}

export function deleteContact(db: Database, id: number): boolean {
  return Number(db.prepare('DELETE FROM contacts WHERE id = ?').run(id).changes) === 1;
}
