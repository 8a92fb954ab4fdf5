import type { ChannelSender } from '../mail/channel-sender.ts';
import type { SendResult } from '../mail/mail-transport.ts';
import { findChannelContent, findChannelDestination, insertChannelCapture } from '../store/channels-repository.ts';
import type { Database } from '../store/database.ts';
import { channelBody } from './channel-request.ts';
import { postToChannel } from './http-channel-sender.ts';
import { webhookId } from './standard-webhooks.ts';

export const DRILL_CHANNEL_TRANSPORT = 'drill-capture';

/**
 * The dispatcher's channel step: loads the destination and the message's frozen channel content,
 * builds the destination's body, and posts it, or for a drill delivery only captures it (a drill
 * makes no HTTP request at all). One place decides, like the mail transport does for drill mail.
 */
export function createChannelSender(options: { db: Database; timeoutMs: number }): ChannelSender {
  const { db } = options;
  const refused = (reply: string, errorCode: string): SendResult => ({ outcome: 'permanent', reply, errorCode, via: 'channel' });
  return {
    async send(delivery, now) {
      const destination = delivery.channelId === null ? null : findChannelDestination(db, delivery.channelId);
      if (!destination) return refused('Het kanaal bestaat niet meer / the channel no longer exists', 'ECHANNEL');
      if (destination.removedAt) return refused('Het kanaal is verwijderd / the channel was removed', 'ECHANNEL_REMOVED');
      const content = findChannelContent(db, delivery.outboxMessageId);
      if (!content) return refused('Het bericht heeft geen kanaalinhoud / the message has no channel content', 'ECONTENT');
      const body = channelBody(destination.kind, content);
      if (delivery.drill || content.drill) {
        insertChannelCapture(db, { deliveryId: delivery.id, messageId: delivery.outboxMessageId, channelId: destination.id, kind: destination.kind, body, at: now });
        return { outcome: 'sent', reply: 'Vastgelegd, niet verstuurd (oefening) / captured, not sent (drill)', via: DRILL_CHANNEL_TRANSPORT };
      }
      return postToChannel(destination, { body, webhookId: webhookId(delivery.smtpMessageId), at: now, drill: false, deliveryId: delivery.id, timeoutMs: options.timeoutMs });
    },
  };
}
