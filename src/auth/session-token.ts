import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes = 256 bits, base64url: 43 cookie-safe characters. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this goes into the database; the token itself lives in the browser's cookie only. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeSessionToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
