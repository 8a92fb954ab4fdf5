import type { ClaimedDelivery } from '../store/outbox-repository.ts';
import type { SendResult } from './mail-transport.ts';

/**
 * Where the dispatcher hands a Teams, Slack or webhook delivery (a row with a channel id): the
 * outbox, its claims, retries, expiry and 'unknown' are the same as for mail, only the last step
 * differs. The implementation lives in src/channels and is chosen at the composition root: HTTP
 * for live deliveries, a capture for drill deliveries.
 */
export interface ChannelSender {
  /** Resolves with a classified result; only a programming or safety error rejects. */
  send(delivery: ClaimedDelivery, now: Date): Promise<SendResult>;
}
