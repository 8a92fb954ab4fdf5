import { randomUUID } from 'node:crypto';
import { invalidInput, Refusal, type Problem } from '../../domain/index.ts';
import { SUBSCRIPTION_REQUEST_HOURS, SubscriptionFormSchema, type SubscriptionForm } from '../../domain/subscription.ts';
import { transaction } from '../../store/database.ts';
import { enqueueMessage } from '../../store/outbox-repository.ts';
import { CONFIRMATION_MESSAGE_PREFIX, countSubscriptionAttempts, insertSubscriptionRequest, recordSubscriptionAttempt } from '../../store/subscriptions-repository.ts';
import { renderConfirmationMail } from '../../templates/subscription-mail.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';
import { purgeSubscriptionRequests } from './purge-subscription-requests.ts';
import { SUBSCRIPTION_LIMITS } from './subscription-limits.ts';
import { attemptKey, hashToken, newConfirmationToken } from './subscription-token.ts';

export interface SubscriptionRequestInput {
  /** The posted form fields (email, gemeente, product, taal), repeated fields as arrays. */
  form: Record<string, unknown>;
  /** Who posted (the client address as the server sees it, behind a trusted proxy the forwarded one). */
  client: string;
}

/** The answer is the same for a new, a known and a rate-limited address: nobody learns who subscribed. */
export interface SubscriptionRequested {
  email: string;
  lang: SubscriptionForm['taal'];
}

/**
 * The public form's POST to /abonneren: checks the choices against the catalogue, counts the post
 * for the rate limits, stores a request that lives 48 hours and queues the confirmation mail in the
 * durable outbox (the same path and transport as every other mail), then wakes the dispatcher.
 * Known addresses get a request and a mail like new ones: confirming replaces their choices.
 * Over the per-address limit nothing is stored or sent and the answer is the same; over the
 * per-client limit the post is refused (`subscription_rate_limited`).
 */
export function requestSubscription(ctx: UseCaseContext, input: SubscriptionRequestInput): SubscriptionRequested {
  const now = ctx.clock.now();
  purgeSubscriptionRequests(ctx);
  const form = parseInput(SubscriptionFormSchema, input.form);
  const catalogue = ctx.content.read();
  const problems: Problem[] = [];
  const municipalityIds = new Set(catalogue.municipalities.map((municipality) => municipality.id));
  const productIds = new Set(catalogue.components.map((component) => component.id));
  if (form.gemeente !== 'all') for (const id of form.gemeente) if (!municipalityIds.has(id)) problems.push({ field: 'gemeente', code: 'unknown_municipality', params: { id } });
  if (form.product !== 'all') for (const id of form.product) if (!productIds.has(id)) problems.push({ field: 'product', code: 'unknown_product', params: { id } });
  if (problems.length > 0) throw invalidInput(problems);

  const hourAgo = new Date(now.getTime() - 3_600_000);
  const clientKey = attemptKey('client', input.client);
  const addressKey = attemptKey('address', form.email);
  const answer: SubscriptionRequested = { email: form.email, lang: form.taal };
  const token = newConfirmationToken();
  const queued = transaction(ctx.db, () => {
    if (countSubscriptionAttempts(ctx.db, 'client', clientKey, hourAgo) >= SUBSCRIPTION_LIMITS.perClientPerHour) {
      throw new Refusal('subscription_rate_limited');
    }
    recordSubscriptionAttempt(ctx.db, 'client', clientKey, now);
    const earlier = countSubscriptionAttempts(ctx.db, 'address', addressKey, hourAgo);
    recordSubscriptionAttempt(ctx.db, 'address', addressKey, now);
    if (earlier >= SUBSCRIPTION_LIMITS.perAddressPerHour) return false;
    insertSubscriptionRequest(ctx.db, {
      tokenHash: hashToken(token),
      email: form.email,
      language: form.taal,
      municipalities: form.gemeente,
      products: form.product,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SUBSCRIPTION_REQUEST_HOURS * 3_600_000),
    });
    const mail = renderConfirmationMail(form.taal, { vendor: catalogue.site.vendor.name, confirmUrl: confirmationUrl(ctx.config.adminUrl, token) });
    const messageId = `${CONFIRMATION_MESSAGE_PREFIX}${randomUUID()}`;
    // A 'test'-kind outbox message: one recipient who is not (yet) a contact or subscriber, no thread.
    enqueueMessage(ctx.db, {
      messageId,
      threadKey: messageId,
      kind: 'test',
      drill: ctx.drill,
      approvedAt: now,
      expiryMinutes: SUBSCRIPTION_LIMITS.confirmationMailExpiryMinutes,
      createdBy: 'abonneren',
      renderings: [{ lang: form.taal, subject: mail.subject, html: mail.html, text: mail.text }, ...(form.taal === 'nl' ? [] : [{ lang: 'nl' as const, ...renderConfirmationMail('nl', { vendor: catalogue.site.vendor.name, confirmUrl: confirmationUrl(ctx.config.adminUrl, token) }) }])],
      recipients: [{ contactId: null, address: form.email, lang: form.taal, name: '' }],
    }, { kind: 'system', name: 'abonneren' });
    return true;
  });
  if (queued) ctx.mail.wake();
  return answer;
}

/** The link in the confirmation mail; on the admin server, which serves /abonneren. */
export function confirmationUrl(adminUrl: string, token: string): string {
  return `${adminUrl.replace(/\/+$/, '')}/abonneren/bevestigen/${token}`;
}
