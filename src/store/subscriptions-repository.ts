import type { Selection, Subscriber } from '../domain/subscription.ts';
import type { Language } from '../domain/vocabulary.ts';
import type { Database } from './database.ts';

/** The self-service subscribers, their pending requests and the rate-limit counters (migration 0900). */

export interface SubscriptionRequest {
  tokenHash: string;
  email: string;
  language: Language;
  municipalities: Selection;
  products: Selection;
  createdAt: Date;
  expiresAt: Date;
}

interface SubscriberRow {
  id: number;
  email: string;
  language: Language;
  municipalities: string;
  products: string;
  confirmed_at: string;
}

interface RequestRow {
  token_hash: string;
  email: string;
  language: Language;
  municipalities: string;
  products: string;
  created_at: string;
  expires_at: string;
}

const toSubscriber = (row: SubscriberRow): Subscriber => ({
  id: row.id,
  email: row.email,
  language: row.language,
  municipalities: JSON.parse(row.municipalities) as Selection,
  products: JSON.parse(row.products) as Selection,
  confirmedAt: new Date(row.confirmed_at),
});

export function listSubscribers(db: Database): Subscriber[] {
  return (db.prepare('SELECT id, email, language, municipalities, products, confirmed_at FROM subscribers ORDER BY id').all() as unknown as SubscriberRow[]).map(toSubscriber);
}

export function countSubscribers(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM subscribers').get() as { n: number }).n;
}

export function findSubscriber(db: Database, id: number): Subscriber | null {
  const row = db.prepare('SELECT id, email, language, municipalities, products, confirmed_at FROM subscribers WHERE id = ?').get(id) as SubscriberRow | undefined;
  return row ? toSubscriber(row) : null;
}

/** Adds the subscriber, or replaces the choices of the one with this address; returns its id and whether it is new. */
export function upsertSubscriber(
  db: Database,
  subscriber: { email: string; language: Language; municipalities: Selection; products: Selection },
  at: Date,
): { id: number; created: boolean } {
  const existing = db.prepare('SELECT id FROM subscribers WHERE email = ?').get(subscriber.email) as { id: number } | undefined;
  const choices = [subscriber.language, JSON.stringify(subscriber.municipalities), JSON.stringify(subscriber.products)] as const;
  if (existing) {
    db.prepare('UPDATE subscribers SET language = ?, municipalities = ?, products = ?, updated_at = ? WHERE id = ?').run(...choices, at.toISOString(), existing.id);
    return { id: existing.id, created: false };
  }
  const { lastInsertRowid } = db
    .prepare('INSERT INTO subscribers (email, language, municipalities, products, confirmed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(subscriber.email, ...choices, at.toISOString(), at.toISOString());
  return { id: Number(lastInsertRowid), created: true };
}

export function updateSubscriberChoices(db: Database, id: number, choices: { language: Language; municipalities: Selection; products: Selection }, at: Date): boolean {
  const result = db
    .prepare('UPDATE subscribers SET language = ?, municipalities = ?, products = ?, updated_at = ? WHERE id = ?')
    .run(choices.language, JSON.stringify(choices.municipalities), JSON.stringify(choices.products), at.toISOString(), id);
  return Number(result.changes) === 1;
}

export function deleteSubscriber(db: Database, id: number): boolean {
  return Number(db.prepare('DELETE FROM subscribers WHERE id = ?').run(id).changes) === 1;
}

export function insertSubscriptionRequest(db: Database, request: SubscriptionRequest): void {
  db.prepare(
    'INSERT INTO subscription_requests (token_hash, email, language, municipalities, products, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    request.tokenHash,
    request.email,
    request.language,
    JSON.stringify(request.municipalities),
    JSON.stringify(request.products),
    request.createdAt.toISOString(),
    request.expiresAt.toISOString(),
  );
}

/** A request that has not expired at `now`. */
export function findSubscriptionRequest(db: Database, tokenHash: string, now: Date): SubscriptionRequest | null {
  const row = db
    .prepare('SELECT token_hash, email, language, municipalities, products, created_at, expires_at FROM subscription_requests WHERE token_hash = ? AND expires_at > ?')
    .get(tokenHash, now.toISOString()) as RequestRow | undefined;
  if (!row) return null;
  return {
    tokenHash: row.token_hash,
    email: row.email,
    language: row.language,
    municipalities: JSON.parse(row.municipalities) as Selection,
    products: JSON.parse(row.products) as Selection,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
  };
}

/** Confirming one request for an address settles every other pending request for it too. */
export function deleteSubscriptionRequestsFor(db: Database, email: string): void {
  db.prepare('DELETE FROM subscription_requests WHERE email = ?').run(email);
}

/** Outbox message ids of confirmation mails start with this; they are purged with their requests. */
export const CONFIRMATION_MESSAGE_PREFIX = 'abonneren-';

/**
 * Deletes expired requests, the outbox rows of confirmation mails as old as a request can get
 * (`mailsBefore`: their deliveries and attempts go with them), and rate-limit counters older than
 * `attemptsBefore`; returns the number of requests removed.
 */
export function purgeSubscriptionData(db: Database, now: Date, attemptsBefore: Date, mailsBefore: Date): number {
  const removed = Number(db.prepare('DELETE FROM subscription_requests WHERE expires_at <= ?').run(now.toISOString()).changes);
  db.prepare("DELETE FROM outbox_messages WHERE id GLOB ? AND created_at <= ?").run(`${CONFIRMATION_MESSAGE_PREFIX}*`, mailsBefore.toISOString());
  db.prepare('DELETE FROM subscription_attempts WHERE at < ?').run(attemptsBefore.toISOString());
  return removed;
}

export function recordSubscriptionAttempt(db: Database, kind: 'address' | 'client', keyHash: string, at: Date): void {
  db.prepare('INSERT INTO subscription_attempts (kind, key_hash, at) VALUES (?, ?, ?)').run(kind, keyHash, at.toISOString());
}

export function countSubscriptionAttempts(db: Database, kind: 'address' | 'client', keyHash: string, since: Date): number {
  return (db.prepare('SELECT count(*) AS n FROM subscription_attempts WHERE kind = ? AND key_hash = ? AND at >= ?').get(kind, keyHash, since.toISOString()) as { n: number }).n;
}
