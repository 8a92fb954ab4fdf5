import type { Clock } from '../domain/clock.ts';
import type { ClaimedDelivery } from '../store/outbox-repository.ts';
import type { ChannelSender } from './channel-sender.ts';
import type { DispatcherLog } from './dispatcher-event.ts';
import { DrillDeliveryRefusedError, type MailTransport, type OutgoingMail, type SendResult } from './mail-transport.ts';

/** One attempt, sent but not yet recorded: the pump commits it with the next claims. */
export interface FinishedAttempt {
  delivery: ClaimedDelivery;
  startedAt: Date;
  finishedAt: Date;
  result: SendResult;
}

export interface SendOneDeps {
  compose: (delivery: ClaimedDelivery, now: Date) => Promise<OutgoingMail>;
  transport: MailTransport;
  /** Teams, Slack and webhook deliveries (rows with a channel id). */
  channels?: ChannelSender | undefined;
  clock: Clock;
  log: DispatcherLog;
}

/**
 * Composes one claimed delivery and hands it to the transport, in its own SMTP transaction. A
 * failure becomes a classified result rather than an exception, so every attempt is recorded.
 */
export async function sendOneDelivery(delivery: ClaimedDelivery, deps: SendOneDeps): Promise<FinishedAttempt> {
  const { transport, clock, log } = deps;
  const startedAt = clock.now();
  let result: SendResult;
  try {
    if (delivery.channelId !== null) {
      if (!deps.channels) throw new Error('no channel sender is configured');
      result = await deps.channels.send(delivery, startedAt);
    } else {
      result = await transport.send(await deps.compose(delivery, startedAt));
    }
  } catch (error) {
    if (error instanceof DrillDeliveryRefusedError) {
      log({ type: 'drill_refused', deliveryId: delivery.id, message: error.message });
      result = { outcome: 'refused', reply: error.message, errorCode: 'EDRILL', via: transport.name };
    } else {
      // Failed before anything was handed to a server (composing, capture disk): safe to retry.
      log({ type: 'error', message: `delivery ${delivery.id}: ${(error as Error).message}` });
      result = { outcome: 'temporary', reply: (error as Error).message, errorCode: 'EINTERNAL', via: delivery.channelId === null ? transport.name : 'channel' };
    }
  }
  return { delivery, startedAt, finishedAt: clock.now(), result };
}
