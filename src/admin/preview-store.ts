import { randomBytes } from 'node:crypto';

/**
 * Rendered HTML mails waiting to be shown in the compose page's sandboxed frame. The frame needs
 * a URL of its own (a srcdoc frame would inherit the admin's CSP and lose the mail's styles), and
 * an unsaved draft has none: the preview lives here for a few minutes under a random token that
 * only its own user can open.
 */
const TTL_MS = 15 * 60_000;
const MAX_ENTRIES = 500;
const previews = new Map<string, { userId: number; html: string; at: number }>();

export function storePreview(userId: number, html: string, now = Date.now()): string {
  for (const [token, entry] of previews) {
    if (now - entry.at > TTL_MS || previews.size >= MAX_ENTRIES) previews.delete(token);
    else break;
  }
  const token = randomBytes(18).toString('base64url');
  previews.set(token, { userId, html, at: now });
  return token;
}

export function readPreview(token: string, userId: number, now = Date.now()): string | null {
  const entry = previews.get(token);
  if (!entry || entry.userId !== userId || now - entry.at > TTL_MS) return null;
  return entry.html;
}
