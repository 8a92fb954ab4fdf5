import { createHash, randomBytes } from 'node:crypto';

/** A confirmation token for a link: 256 random bits, URL-safe. Only its hash is stored. */
export function newConfirmationToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(`helder-subscription:${token}`).digest('hex');
}

/** The shape of a token in a URL; anything else is refused before the database is asked. */
export const CONFIRMATION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The rate-limit key of an address or client: hashed, so the counters hold nothing readable. */
export function attemptKey(kind: 'address' | 'client', value: string): string {
  return createHash('sha256').update(`helder-subscription-${kind}:${value.toLowerCase()}`).digest('hex');
}
