import { createHash } from 'node:crypto';

/**
 * The Message-ID of one delivery: `<d<delivery>.<message>.<hash>@<domain>>`. Deterministic, so a
 * retry of the same delivery carries the same id (receiving servers and clients drop duplicates by
 * it) and the id can be written to the store before a single byte goes to the SMTP server.
 */
export function deliveryMessageId(input: { deliveryId: number; outboxMessageId: string; recipient: string; domain: string }): string {
  const messagePart = input.outboxMessageId.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 40) || 'm';
  const hash = createHash('sha256')
    .update(`${input.deliveryId}\n${input.outboxMessageId}\n${input.recipient.toLowerCase()}`, 'utf8')
    .digest('hex')
    .slice(0, 12);
  return `<d${input.deliveryId}.${messagePart}.${hash}@${input.domain}>`;
}

/**
 * Threading headers for a new message, given the Message-IDs of the earlier messages of the same
 * thread that went to this recipient, oldest first. In-Reply-To names the latest; References the
 * chain, capped (RFC 5322 suggests keeping the first and the most recent ones).
 */
export function threadingHeaders(earlier: readonly string[], maxReferences = 20): { inReplyTo?: string; references?: string[] } {
  if (earlier.length === 0) return {};
  const references =
    earlier.length <= maxReferences ? [...earlier] : [earlier[0]!, ...earlier.slice(earlier.length - (maxReferences - 1))];
  return { inReplyTo: earlier[earlier.length - 1]!, references };
}

/** The domain of an address, for Message-IDs: the sender's domain keeps them unique to us. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) throw new Error(`"${address}" is not an e-mail address`);
  return address.slice(at + 1).toLowerCase();
}
