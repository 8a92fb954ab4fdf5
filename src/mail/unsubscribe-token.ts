import { createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { Database } from '../store/database.ts';

const SECRET_KEY = 'unsubscribe_secret';

/**
 * What a personal unsubscribe link identifies: a contact, a test delivery (a "send test message
 * to me" goes to a user, not a contact), or a drill delivery (a captured exercise mail: its link
 * must never reach the real contact behind the capture). Test and drill links unsubscribe nobody.
 */
export type UnsubscribeSubject =
  | { kind: 'contact'; contactId: number }
  | { kind: 'test'; deliveryId: number }
  | { kind: 'drill'; deliveryId: number }
  // A self-service subscriber: the same token opens their manage page (/abonneren/beheren/<token>).
  | { kind: 'subscriber'; subscriberId: number };

/**
 * The HMAC key for unsubscribe links, kept in the settings table and created on first use. It never
 * leaves the database, so links cannot be forged for other contacts.
 */
export function unsubscribeSecret(db: Database): KeyObject {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(SECRET_KEY) as { value: string } | undefined;
  if (row) return createSecretKey(Buffer.from(row.value, 'base64url'));
  // INSERT OR IGNORE then re-read: two processes starting at once end up with the same secret.
  db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(SECRET_KEY, randomBytes(32).toString('base64url'));
  const created = db.prepare('SELECT value FROM settings WHERE key = ?').get(SECRET_KEY) as { value: string };
  return createSecretKey(Buffer.from(created.value, 'base64url'));
}

function payloadOf(subject: UnsubscribeSubject): string {
  switch (subject.kind) {
    case 'contact':
      return `c${subject.contactId}`;
    case 'test':
      return `t${subject.deliveryId}`;
    case 'drill':
      return `d${subject.deliveryId}`;
    case 'subscriber':
      return `s${subject.subscriberId}`;
  }
}

function signature(secret: KeyObject, payload: string): string {
  // 128 bits of HMAC-SHA256 is far beyond guessing, and keeps the link short in a text mail.
  return createHmac('sha256', secret).update(`helder-unsubscribe:${payload}`).digest().subarray(0, 16).toString('base64url');
}

/** A token like "c42.Xy3…": URL-safe, no padding. */
export function signUnsubscribeToken(secret: KeyObject, subject: UnsubscribeSubject): string {
  const payload = payloadOf(subject);
  return `${payload}.${signature(secret, payload)}`;
}

/** The subject of a token, or null when it is malformed or its signature does not match. */
export function verifyUnsubscribeToken(secret: KeyObject, token: string): UnsubscribeSubject | null {
  const match = /^([ctds])([1-9]\d{0,15})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return null;
  const payload = `${match[1]}${match[2]}`;
  const expected = Buffer.from(signature(secret, payload));
  const given = Buffer.from(match[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const id = Number(match[2]);
  if (!Number.isSafeInteger(id)) return null;
  if (match[1] === 's') return { kind: 'subscriber', subscriberId: id };
  return match[1] === 'c' ? { kind: 'contact', contactId: id } : { kind: match[1] === 'd' ? 'drill' : 'test', deliveryId: id };
}

/** The personal link, e.g. https://status.example.nl/afmelden/c42.Xy3… */
export function unsubscribeUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/afmelden/${token}`;
}

/** A subscriber's manage page, e.g. https://beheer.example.nl/abonneren/beheren/s7.Xy3… */
export function manageSubscriptionUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/abonneren/beheren/${token}`;
}
