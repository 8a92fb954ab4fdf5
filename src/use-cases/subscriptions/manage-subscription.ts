import { invalidInput, type Problem } from '../../domain/index.ts';
import { SubscriptionChoicesSchema, type Subscriber } from '../../domain/subscription.ts';
import { unsubscribeSecret, verifyUnsubscribeToken } from '../../mail/unsubscribe-token.ts';
import { transaction } from '../../store/database.ts';
import { findSubscriber, updateSubscriberChoices } from '../../store/subscriptions-repository.ts';
import { audit } from '../audit.ts';
import { unsubscribeSubscriber } from '../contacts/unsubscribe.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';

/**
 * The subscription behind a manage link (/abonneren/beheren/<token>, the same signed token as the
 * subscriber's unsubscribe link): the subscriber, 'gone' when they already unsubscribed (the link
 * was ours, the row is deleted), or 'invalid'.
 */
export type ManagedSubscription = { kind: 'subscriber'; subscriber: Subscriber } | { kind: 'gone' } | { kind: 'invalid' };

export function findManagedSubscription(ctx: Pick<UseCaseContext, 'db'>, token: string): ManagedSubscription {
  const subject = verifyUnsubscribeToken(unsubscribeSecret(ctx.db), token);
  if (!subject || subject.kind !== 'subscriber') return { kind: 'invalid' };
  const subscriber = findSubscriber(ctx.db, subject.subscriberId);
  return subscriber ? { kind: 'subscriber', subscriber } : { kind: 'gone' };
}

/**
 * Saves new choices from the manage page (`gemeente`, `product` repeatable or none for all,
 * `taal`), checked against the catalogue; audited by subscriber number.
 */
export function saveSubscriptionChoices(ctx: UseCaseContext, token: string, form: Record<string, unknown>): ManagedSubscription {
  const found = findManagedSubscription(ctx, token);
  if (found.kind !== 'subscriber') return found;
  const choices = parseInput(SubscriptionChoicesSchema, form);
  const catalogue = ctx.content.read();
  const problems: Problem[] = [];
  const municipalityIds = new Set(catalogue.municipalities.map((municipality) => municipality.id));
  const productIds = new Set(catalogue.components.map((component) => component.id));
  if (choices.gemeente !== 'all') for (const id of choices.gemeente) if (!municipalityIds.has(id)) problems.push({ field: 'gemeente', code: 'unknown_municipality', params: { id } });
  if (choices.product !== 'all') for (const id of choices.product) if (!productIds.has(id)) problems.push({ field: 'product', code: 'unknown_product', params: { id } });
  if (problems.length > 0) throw invalidInput(problems);
  const now = ctx.clock.now();
  return transaction(ctx.db, (): ManagedSubscription => {
    const id = found.subscriber.id;
    if (!updateSubscriberChoices(ctx.db, id, { language: choices.taal, municipalities: choices.gemeente, products: choices.product }, now)) return { kind: 'gone' };
    audit(ctx, { kind: 'system', name: 'aanmeldpagina' }, {
      action: 'subscriber_changed',
      subject: { type: 'subscriber', id },
      details: { via: 'manage_page', language: choices.taal, municipalities: choices.gemeente, products: choices.product },
      at: now,
    });
    return { kind: 'subscriber', subscriber: findSubscriber(ctx.db, id)! };
  });
}

/** "Afmelden" on the manage page: removes the subscriber and their choices. */
export function cancelSubscription(ctx: UseCaseContext, token: string): ManagedSubscription {
  const found = findManagedSubscription(ctx, token);
  if (found.kind !== 'subscriber') return found;
  unsubscribeSubscriber(ctx, found.subscriber.id, 'link');
  return { kind: 'gone' };
}
