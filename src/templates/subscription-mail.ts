import type { Language } from '../domain/vocabulary.ts';
import { subscriptionMessages } from '../i18n/subscription-messages.ts';

export interface SubscriptionMail {
  subject: string;
  html: string;
  text: string;
}

const escape = (value: string) => value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * The double opt-in mail: who asked, the confirmation link (which opens a page with a button; the
 * link itself changes nothing, because mail scanners follow links) and how long it works. Plain
 * and short, in the language the person chose on the form; the text part carries the same words.
 */
export function renderConfirmationMail(lang: Language, values: { vendor: string; confirmUrl: string }): SubscriptionMail {
  const t = subscriptionMessages(lang).mail;
  const text = [t.confirmIntro(values.vendor), '', t.confirmAction, values.confirmUrl, '', t.confirmExpiry, ''].join('\n');
  const html =
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escape(t.confirmSubject)}</title></head>` +
    `<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">` +
    `<p>${escape(t.confirmIntro(values.vendor))}</p>` +
    `<p>${escape(t.confirmAction)}<br><a href="${escape(values.confirmUrl)}">${escape(t.confirmButton)}</a></p>` +
    `<p style="word-break:break-all">${escape(values.confirmUrl)}</p>` +
    `<p>${escape(t.confirmExpiry)}</p></body></html>`;
  return { subject: t.confirmSubject, html, text };
}
