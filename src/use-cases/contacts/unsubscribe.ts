import { unsubscribeSecret, verifyUnsubscribeToken } from '../../mail/unsubscribe-token.ts';
import { audit } from '../audit.ts';
import type { UseCaseContext } from '../context.ts';
import { findContact, markAddressUnsubscribed, type UnsubscribeVia } from '../../store/contacts-repository.ts';
import { transaction } from '../../store/database.ts';

/** What an unsubscribe link stands for, before anything is changed (the GET page shows this). */
export type UnsubscribeTarget =
  | { kind: 'contact'; contactId: number; email: string; alreadyUnsubscribed: boolean }
  | { kind: 'test' }
  | { kind: 'drill' }
  | { kind: 'invalid' };

/** Reads a token without acting on it. Link scanners fetch links with GET, so GET never unsubscribes. */
export function describeUnsubscribeToken(ctx: Pick<UseCaseContext, 'db'>, token: string): UnsubscribeTarget {
  const { db } = ctx;
  const subject = verifyUnsubscribeToken(unsubscribeSecret(db), token);
  if (!subject) return { kind: 'invalid' };
  if (subject.kind === 'test' || subject.kind === 'drill') return { kind: subject.kind };
  const contact = findContact(db, subject.contactId);
  // A removed contact receives nothing any more; say so rather than reveal anything.
  if (!contact) return { kind: 'invalid' };
  return { kind: 'contact', contactId: contact.id, email: contact.email, alreadyUnsubscribed: contact.unsubscribedAt !== null };
}

export type UnsubscribeResult =
  | { kind: 'unsubscribed'; email: string; contacts: number }
  | { kind: 'already_unsubscribed'; email: string }
  | { kind: 'test' }
  | { kind: 'drill' }
  | { kind: 'invalid' };

/**
 * Unsubscribes the address behind a signed link from all further messages (every contact row with
 * that address), with an audit entry in the same transaction. Idempotent: mail clients may POST
 * the one-click request more than once.
 */
export function unsubscribe(ctx: UseCaseContext, token: string, via: Exclude<UnsubscribeVia, 'admin'>): UnsubscribeResult {
  const { db } = ctx;
  const target = describeUnsubscribeToken(ctx, token);
  if (target.kind !== 'contact') return target;
  const now = ctx.clock.now();
  return transaction(db, () => {
    const changed = markAddressUnsubscribed(db, target.email, via, now);
    if (changed === 0) return { kind: 'already_unsubscribed', email: target.email };
    audit(ctx, { kind: 'system', name: via === 'one_click' ? 'afmelden met één klik' : 'afmeldpagina' }, {
      action: 'subscriber_unsubscribed',
      subject: { type: 'contact', id: target.contactId },
      details: { email: target.email, via, contacts: changed },
      at: now,
    });
    return { kind: 'unsubscribed', email: target.email, contacts: changed };
  });
}
