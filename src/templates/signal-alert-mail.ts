import type { Language, SpikeSuggestion } from '../domain/index.ts';
import { formatShortDateTime } from '../i18n/format.ts';
import { signalAlertMailMessages } from '../i18n/signal-alert-mail-messages.ts';

export interface SignalAlertMail {
  subject: string;
  html: string;
  text: string;
}

export interface SignalAlertMailValues {
  suggestion: SpikeSuggestion;
  productName: string;
  municipalityNames: readonly string[];
  count: number;
  firstAt: Date;
  lastAt: Date;
  /** The alert's page in the admin. */
  alertUrl: string;
  /** A drill's alert: the subject and the first line say so. */
  drill: boolean;
}

const escape = (value: string) => value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * The internal mail to the incident managers when the spike rule raises an alert: what was seen,
 * from which municipalities, between when, and the link to the alert's page (where one click opens
 * the incident). Plain and short; the text part carries the same words. A drill's mail says it is
 * one in the subject and in its first line.
 */
export function renderSignalAlertMail(lang: Language, values: SignalAlertMailValues): SignalAlertMail {
  const t = signalAlertMailMessages(lang);
  const subject = `${values.drill ? `${t.drillSubjectPrefix}: ` : ''}${t.subject(t.suggestion[values.suggestion], values.productName)}`;
  const paragraphs = [
    ...(values.drill ? [t.drillNote] : []),
    t.intro(values.count, values.municipalityNames.length, values.productName),
    t.between(formatShortDateTime(values.firstAt, lang), formatShortDateTime(values.lastAt, lang)),
  ];
  const text = [...paragraphs.flatMap((paragraph) => [paragraph, '']), t.municipalities, ...values.municipalityNames.map((name) => `- ${name}`), '', t.action, values.alertUrl, '', t.why, ''].join('\n');
  const html =
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escape(subject)}</title></head>` +
    `<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">` +
    paragraphs.map((paragraph, index) => `<p>${values.drill && index === 0 ? `<strong>${escape(paragraph)}</strong>` : escape(paragraph)}</p>`).join('') +
    `<p>${escape(t.municipalities)}</p><ul>${values.municipalityNames.map((name) => `<li>${escape(name)}</li>`).join('')}</ul>` +
    `<p>${escape(t.action)}<br><a href="${escape(values.alertUrl)}">${escape(values.alertUrl)}</a></p>` +
    `<p style="color:#555">${escape(t.why)}</p></body></html>`;
  return { subject, html, text };
}
