import { unsubscribeSecret, verifyUnsubscribeToken } from '../../mail/unsubscribe-token.ts';
import { audit } from '../audit.ts';
import type { UseCaseContext } from '../context.ts';
import { findContact, markAddressUnsubscribed, type UnsubscribeVia } from '../../store/contacts-repository.ts';
import { transaction } from '../../store/database.ts';
import { deleteSubscriber, findSubscriber } from '../../store/subscriptions-repository.ts';

/**
 * Removes a self-service subscriber entirely (their address and choices), with an audit entry that
 * names the subscriber's number, not the address. Idempotent like the contacts' unsubscribe.
 */
export function unsubscribeSubscriber(ctx: UseCaseContext, subscriberId: number, via: Exclude<UnsubscribeVia, 'admin'>): UnsubscribeResult {
  const now = ctx.clock.now();
  return transaction(ctx.db, () => {
    const subscriber = findSubscriber(ctx.db, subscriberId);
    if (!subscriber || !deleteSubscriber(ctx.db, subscriberId)) return { kind: 'already_unsubscribed', email: null };
    audit(ctx, { kind: 'system', name: via === 'one_click' ? 'afmelden met één klik' : 'afmeldpagina' }, {
      action: 'subscriber_unsubscribed',
      subject: { type: 'subscriber', id: subscriberId },
      details: { via },
      at: now,
    });
    return { kind: 'unsubscribed', email: subscriber.email, contacts: 0 };
  });
}

/** What an unsubscribe link stands for, before anything is changed (the GET page shows this). */
export type UnsubscribeTarget =
  | { kind: 'contact'; contactId: number; email: string; alreadyUnsubscribed: boolean }
  // A self-service subscriber; once unsubscribed their row is gone, so only the signed id remains.
  | { kind: 'subscriber'; subscriberId: number; email: string | null; alreadyUnsubscribed: boolean }
  | { kind: 'test' }
  | { kind: 'drill' }
  | { kind: 'invalid' };

/** Reads a token without acting on it. Link scanners fetch links with GET, so GET never unsubscribes. */
export function describeUnsubscribeToken(ctx: Pick<UseCaseContext, 'db'>, token: string): UnsubscribeTarget {
  const { db } = ctx;
  const subject = verifyUnsubscribeToken(unsubscribeSecret(db), token);
  if (!subject) return { kind: 'invalid' };
  if (subject.kind === 'test' || subject.kind === 'drill') return { kind: subject.kind };
  if (subject.kind === 'subscriber') {
    // A valid signature on a missing row: we issued it and the subscriber has left (ids are never reused).
    const subscriber = findSubscriber(db, subject.subscriberId);
    return { kind: 'subscriber', subscriberId: subject.subscriberId, email: subscriber?.email ?? null, alreadyUnsubscribed: subscriber === null };
  }
  const contact = findContact(db, subject.contactId);
  // A removed contact receives nothing any more; say so rather than reveal anything.
  if (!contact) return { kind: 'invalid' };
  return { kind: 'contact', contactId: contact.id, email: contact.email, alreadyUnsubscribed: contact.unsubscribedAt !== null };
}

export type UnsubscribeResult =
  | { kind: 'unsubscribed'; email: string; contacts: number }
  | { kind: 'already_unsubscribed'; email: string | null }
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
  if (target.kind === 'subscriber') return unsubscribeSubscriber(ctx, target.subscriberId, via);
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
