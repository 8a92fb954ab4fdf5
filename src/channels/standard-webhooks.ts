import { createHash, createHmac } from 'node:crypto';

/**
 * Signing per the Standard Webhooks specification (standardwebhooks.com): the secret is "whsec_"
 * plus base64 of the key; the signed content is "<webhook-id>.<webhook-timestamp>.<body>"; the
 * signature header is "v1," plus the base64 HMAC-SHA256. Receivers verify with any Standard
 * Webhooks library (the tests use the reference `standardwebhooks` package).
 */
const SECRET_PREFIX = 'whsec_';

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`, 'utf8').digest('base64')}`;
}

/**
 * The webhook-id of a delivery: derived from the identifier the outbox persisted when it claimed
 * the row, so a retry (or an operator's resend after 'unknown') carries the same id and the
 * receiver can drop the repeat, as the specification asks receivers to.
 */
export function webhookId(persistedDeliveryId: string): string {
  return `msg_${createHash('sha256').update(persistedDeliveryId, 'utf8').digest('base64url').slice(0, 27)}`;
}

/** The headers of one signed request. */
export function webhookHeaders(secret: string, id: string, at: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(secret, id, timestamp, body) };
}
