import type { ChannelTexts } from './channel-texts.ts';

/**
 * The body a Microsoft Teams Workflows webhook ("Post to a channel when a webhook request is
 * received") takes: a message with one Adaptive Card attachment (schema 1.4, which Teams renders).
 */
export function teamsCardPayload(texts: ChannelTexts): object {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: texts.title, size: 'Large', weight: 'Bolder', wrap: true },
            { type: 'FactSet', facts: texts.facts.map((fact) => ({ title: fact.label, value: fact.value })) },
            { type: 'TextBlock', text: texts.body, wrap: true },
            ...(texts.meanwhile
              ? [
                  { type: 'TextBlock', text: texts.meanwhile.label, weight: 'Bolder', wrap: true, spacing: 'Medium' },
                  { type: 'TextBlock', text: texts.meanwhile.text, wrap: true },
                ]
              : []),
          ],
          actions: [{ type: 'Action.OpenUrl', title: texts.link.label, url: texts.link.url }],
        },
      },
    ],
  };
}
