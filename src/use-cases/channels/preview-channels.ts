import { channelBody } from '../../channels/channel-request.ts';
import type { ChannelKind } from '../../domain/index.ts';
import type { MessageDraft } from '../../domain/message-lifecycle.ts';
import { findChannelContent, findChannelDestination } from '../../store/channels-repository.ts';
import { findOutboxMessage, listDeliveries } from '../../store/outbox-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { channelsOfMessage } from './channel-content.ts';

/** One destination's message as it goes out: the exact JSON body. */
export interface ChannelPreview {
  name: string;
  kind: ChannelKind;
  /** The body, pretty-printed for reading. */
  body: string;
}

/**
 * Every channel's payload of a message, beside the e-mail preview: for a message in the outbox
 * what was frozen at approval, to the destinations it was queued for; before that, what approval
 * would freeze now, to the destinations that would get it.
 */
export function previewChannels(
  ctx: UseCaseContext,
  caller: Caller,
  message: { id: string; draft: MessageDraft },
  rendering: { subject: string; statusPageMarkdown: string },
): ChannelPreview[] {
  authorise(caller, 'message.view');
  return channelPreviewsOf(ctx, message, rendering);
}

/** previewChannels without the permission check, for verbs that checked their own (the compose preview). */
export function channelPreviewsOf(
  ctx: UseCaseContext,
  message: { id: string; draft: MessageDraft },
  rendering: { subject: string; statusPageMarkdown: string },
): ChannelPreview[] {
  const pretty = (body: string) => JSON.stringify(JSON.parse(body), null, 2);
  const frozen = findChannelContent(ctx.db, message.id);
  // In the outbox without channel content: it went to no channel, whatever was added since.
  if (!frozen && findOutboxMessage(ctx.db, message.id)) return [];
  if (frozen) {
    return listDeliveries(ctx.db, message.id)
      .filter((delivery) => delivery.channelId !== null)
      .flatMap((delivery) => {
        const destination = findChannelDestination(ctx.db, delivery.channelId!);
        return destination ? [{ name: delivery.recipientName, kind: destination.kind, body: pretty(channelBody(destination.kind, frozen)) }] : [];
      });
  }
  const { content, destinations } = channelsOfMessage(ctx, message, rendering, ctx.clock.now());
  return destinations.map((destination) => ({ name: destination.name, kind: destination.kind, body: pretty(channelBody(destination.kind, content)) }));
}
