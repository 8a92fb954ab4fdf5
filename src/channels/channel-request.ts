import type { ChannelContent, ChannelDestination } from '../domain/channel.ts';
import { channelTexts } from './channel-texts.ts';
import { slackBlocksPayload } from './slack-blocks.ts';
import { teamsCardPayload } from './teams-card.ts';
import { webhookPayload } from './webhook-payload.ts';

/** The exact JSON body a destination of this kind receives for this content. */
export function channelBody(kind: ChannelDestination['kind'], content: ChannelContent): string {
  switch (kind) {
    case 'teams':
      return JSON.stringify(teamsCardPayload(channelTexts(content)));
    case 'slack':
      return JSON.stringify(slackBlocksPayload(channelTexts(content)));
    case 'webhook':
      return JSON.stringify(webhookPayload(content));
  }
}
