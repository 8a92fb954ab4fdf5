import type { ChannelKind, DeliveryStatus } from '../../domain/index.ts';
import { findChannelDestination, listChannelCaptures, type ChannelCapture } from '../../store/channels-repository.ts';
import { countDeliveries, findOutboxMessage, listDeliveries, type DeliveryCounts, type DeliveryView, type OutboxMessageView } from '../../store/outbox-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

export interface Send {
  message: OutboxMessageView;
  counts: DeliveryCounts;
  deliveries: Array<DeliveryView & { channelKind: ChannelKind | null }>;
  /** A drill's channel messages: what each destination would have received (nothing was posted). */
  channelCaptures: ChannelCapture[];
}

/** A message in the outbox with its per-recipient deliveries (optionally of one status), or null. */
export function getSend(ctx: UseCaseContext, caller: Caller, messageId: string, filter: { status?: DeliveryStatus | undefined; limit?: number } = {}): Send | null {
  authorise(caller, 'delivery.view');
  const message = findOutboxMessage(ctx.db, messageId);
  if (!message) return null;
  const kinds = new Map<number, ChannelKind | null>();
  const kindOf = (channelId: number) => {
    if (!kinds.has(channelId)) kinds.set(channelId, findChannelDestination(ctx.db, channelId)?.kind ?? null);
    return kinds.get(channelId)!;
  };
  const deliveries = listDeliveries(ctx.db, messageId, { status: filter.status, limit: filter.limit ?? 2000 }).map((delivery) => ({
    ...delivery,
    channelKind: delivery.channelId === null ? null : kindOf(delivery.channelId),
  }));
  return { message, counts: countDeliveries(ctx.db, messageId), deliveries, channelCaptures: listChannelCaptures(ctx.db, messageId) };
}

/** Only the counts, for a message's page. */
export function countSend(ctx: UseCaseContext, caller: Caller, messageId: string): DeliveryCounts | null {
  authorise(caller, 'delivery.view');
  return findOutboxMessage(ctx.db, messageId) ? countDeliveries(ctx.db, messageId) : null;
}
