import type { ChannelTexts } from './channel-texts.ts';

// Block Kit limits: header text 150, section text 3000, field text 2000 characters, 10 fields.
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Slack's mrkdwn treats &, < and > as control characters. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The body a Slack incoming webhook takes: a fallback text (notifications) and Block Kit blocks. */
export function slackBlocksPayload(texts: ChannelTexts): object {
  return {
    text: cut(texts.title, 3000),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: cut(texts.title, 150), emoji: false } },
      { type: 'section', text: { type: 'mrkdwn', text: cut(escapeSlack(texts.body), 3000) } },
      { type: 'section', fields: texts.facts.slice(0, 10).map((fact) => ({ type: 'mrkdwn', text: cut(`*${escapeSlack(fact.label)}*\n${escapeSlack(fact.value)}`, 2000) })) },
      ...(texts.meanwhile ? [{ type: 'section', text: { type: 'mrkdwn', text: cut(`*${escapeSlack(texts.meanwhile.label)}*\n${escapeSlack(texts.meanwhile.text)}`, 3000) } }] : []),
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: cut(texts.link.label, 75) }, url: texts.link.url }] },
    ],
  };
}
