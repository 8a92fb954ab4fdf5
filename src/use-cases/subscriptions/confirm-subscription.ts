import type { Selection } from '../../domain/subscription.ts';
import type { Language } from '../../domain/vocabulary.ts';
import { signUnsubscribeToken, unsubscribeSecret } from '../../mail/unsubscribe-token.ts';
import { transaction } from '../../store/database.ts';
import { deleteSubscriptionRequestsFor, findSubscriptionRequest, upsertSubscriber } from '../../store/subscriptions-repository.ts';
import { audit } from '../audit.ts';
import type { UseCaseContext } from '../context.ts';
import { purgeSubscriptionRequests } from './purge-subscription-requests.ts';
import { CONFIRMATION_TOKEN, hashToken } from './subscription-token.ts';

/** What a confirmation link asks to confirm (the GET page shows it and changes nothing). */
export type PendingSubscription =
  | { kind: 'pending'; email: string; language: Language; municipalities: Selection; products: Selection }
  | { kind: 'invalid' };

export function describeSubscriptionRequest(ctx: UseCaseContext, token: string): PendingSubscription {
  if (!CONFIRMATION_TOKEN.test(token)) return { kind: 'invalid' };
  purgeSubscriptionRequests(ctx);
  const request = findSubscriptionRequest(ctx.db, hashToken(token), ctx.clock.now());
  if (!request) return { kind: 'invalid' };
  return { kind: 'pending', email: request.email, language: request.language, municipalities: request.municipalities, products: request.products };
}

export type ConfirmationResult =
  | { kind: 'confirmed'; email: string; language: Language; subscriberId: number; created: boolean; manageToken: string }
  | { kind: 'invalid' };

/**
 * The POST of the confirmation page: the second half of double opt-in. Adds the subscriber (or
 * replaces the choices of the address's existing subscription), removes every pending request for
 * the address, and audits it by subscriber number, never by address. A used or expired link is
 * 'invalid'. Returns the token of the subscriber's manage page.
 */
export function confirmSubscription(ctx: UseCaseContext, token: string): ConfirmationResult {
  if (!CONFIRMATION_TOKEN.test(token)) return { kind: 'invalid' };
  purgeSubscriptionRequests(ctx);
  const now = ctx.clock.now();
  return transaction(ctx.db, (): ConfirmationResult => {
    const request = findSubscriptionRequest(ctx.db, hashToken(token), now);
    if (!request) return { kind: 'invalid' };
    const { id, created } = upsertSubscriber(ctx.db, request, now);
    deleteSubscriptionRequestsFor(ctx.db, request.email);
    audit(ctx, { kind: 'system', name: 'aanmeldpagina' }, {
      action: created ? 'subscriber_added' : 'subscriber_changed',
      subject: { type: 'subscriber', id },
      details: { via: 'double_opt_in', language: request.language, municipalities: request.municipalities, products: request.products },
      at: now,
    });
    return { kind: 'confirmed', email: request.email, language: request.language, subscriberId: id, created, manageToken: signUnsubscribeToken(unsubscribeSecret(ctx.db), { kind: 'subscriber', subscriberId: id }) };
  });
}
