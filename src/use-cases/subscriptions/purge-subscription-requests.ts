import { SUBSCRIPTION_REQUEST_HOURS } from '../../domain/subscription.ts';
import { purgeSubscriptionData } from '../../store/subscriptions-repository.ts';
import type { UseCaseContext } from '../context.ts';
import { SUBSCRIPTION_LIMITS } from './subscription-limits.ts';

/**
 * Deletes unconfirmed subscription requests older than 48 hours (and the outbox rows of their
 * confirmation mails) and rate-limit counters older than a day. Called before every subscription action and hourly by the composition root, so personal
 * data of people who never confirmed does not outlive the promise on the privacy page.
 */
export function purgeSubscriptionRequests(ctx: Pick<UseCaseContext, 'db' | 'clock'>): number {
  const now = ctx.clock.now();
  return purgeSubscriptionData(
    ctx.db,
    now,
    new Date(now.getTime() - SUBSCRIPTION_LIMITS.attemptRetentionHours * 3_600_000),
    new Date(now.getTime() - SUBSCRIPTION_REQUEST_HOURS * 3_600_000),
  );
}
