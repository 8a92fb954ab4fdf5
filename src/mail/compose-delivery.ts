import type { KeyObject } from 'node:crypto';
import DKIM from 'nodemailer/lib/dkim';
import { UNSUBSCRIBE_PLACEHOLDER } from '../templates/unsubscribe-placeholder.ts';
import type { Database } from '../store/database.ts';
import { earlierThreadMessageIds, findRendering, threadHasEarlierMessages, type ClaimedDelivery } from '../store/outbox-repository.ts';
import type { MailConfig } from './mail-config.ts';
import type { OutgoingMail } from './mail-transport.ts';
import { domainOf, threadingHeaders } from './message-id.ts';
import { buildMimeMessage } from './mime-message.ts';
import { manageSubscriptionUrl, signUnsubscribeToken, unsubscribeUrl } from './unsubscribe-token.ts';

/** Marks drill mail even if a template forgot to: nobody may mistake an exercise for an outage. */
export const DRILL_SUBJECT_PREFIX = '[OEFENING / DRILL]';

export interface ComposeSettings extends Pick<MailConfig, 'from' | 'replyTo' | 'dkim' | 'serverUrl'> {
  unsubscribeSecret: KeyObject;
}

/**
 * Turns a claimed delivery into the exact message its recipient gets: the frozen rendering in
 * their language with their own unsubscribe link, threading headers pointing at the earlier
 * messages of the same incident they received, and a DKIM signature when configured. Live, test
 * and drill mail all pass through here; only the transport differs.
 */
export function createDeliveryComposer(db: Database, settings: ComposeSettings) {
  const renderings = new Map<string, ReturnType<typeof findRendering>>();
  // The first message about an incident (usually the biggest send) needs no per-recipient lookup.
  const threadStarts = new Map<string, boolean>();
  const dkim = settings.dkim ? new DKIM(settings.dkim) : null;
  const listId = `"Helder storingsberichten" <helder.${domainOf(settings.from.address)}>`;

  return async function composeDelivery(delivery: ClaimedDelivery, now: Date): Promise<OutgoingMail> {
    const key = `${delivery.outboxMessageId}\n${delivery.language}`;
    let rendering = renderings.get(key);
    if (!rendering) {
      if (renderings.size > 200) renderings.clear();
      rendering = findRendering(db, delivery.outboxMessageId, delivery.language);
      renderings.set(key, rendering);
    }
    const token = signUnsubscribeToken(
      settings.unsubscribeSecret,
      // A drill capture carries a link that changes nothing: a click on it must not unsubscribe the real contact.
      delivery.drill
        ? { kind: 'drill', deliveryId: delivery.id }
        : delivery.subscriberId !== null
          ? { kind: 'subscriber', subscriberId: delivery.subscriberId }
          : delivery.contactId === null
            ? { kind: 'test', deliveryId: delivery.id }
            : { kind: 'contact', contactId: delivery.contactId },
    );
    // The one-click header always unsubscribes; a subscriber's footer link opens their manage page
    // (change municipalities, products, language, or unsubscribe there).
    const oneClick = unsubscribeUrl(settings.serverUrl, token);
    const link = delivery.subscriberId !== null && !delivery.drill ? manageSubscriptionUrl(settings.serverUrl, token) : oneClick;
    let hasEarlier = threadStarts.get(delivery.outboxMessageId);
    if (hasEarlier === undefined) {
      if (threadStarts.size > 200) threadStarts.clear();
      hasEarlier = threadHasEarlierMessages(db, { id: delivery.outboxMessageId, threadKey: delivery.threadKey, drill: delivery.drill, createdAt: rendering.createdAt });
      threadStarts.set(delivery.outboxMessageId, hasEarlier);
    }
    const earlier =
      delivery.kind === 'announcement' && hasEarlier
        ? earlierThreadMessageIds(db, {
            id: delivery.id,
            recipient: delivery.recipient,
            threadKey: delivery.threadKey,
            drill: delivery.drill,
            messageCreatedAt: rendering.createdAt,
          })
        : [];
    const subject =
      delivery.drill && !rendering.subject.toUpperCase().includes('OEFENING') ? `${DRILL_SUBJECT_PREFIX} ${rendering.subject}` : rendering.subject;
    const html = rendering.html.split(UNSUBSCRIBE_PLACEHOLDER).join(link);
    const text = rendering.text.split(UNSUBSCRIBE_PLACEHOLDER).join(link);
    const unsigned = buildMimeMessage({
      from: settings.from,
      replyTo: settings.replyTo ?? undefined,
      to: { name: delivery.recipientName, address: delivery.recipient },
      subject,
      messageId: delivery.smtpMessageId,
      ...threadingHeaders(earlier),
      date: now,
      language: delivery.language,
      unsubscribeUrl: oneClick,
      listId,
      html,
      text,
    });
    return {
      deliveryId: delivery.id,
      outboxMessageId: delivery.outboxMessageId,
      drill: delivery.drill,
      envelope: { from: settings.from.address, to: delivery.recipient },
      messageId: delivery.smtpMessageId,
      subject,
      html,
      text,
      raw: dkim ? await signed(dkim, unsigned) : unsigned,
    };
  };
}

async function signed(dkim: DKIM, message: Buffer): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of dkim.sign(message)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
