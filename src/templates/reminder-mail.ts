import type { Language } from '../domain/index.ts';
import { formatShortDateTime } from '../i18n/format.ts';
import { reminderMessages } from '../i18n/reminder-messages.ts';

export interface InternalMailText {
  subject: string;
  html: string;
  text: string;
}

const escape = (value: string) => value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** Plain and short: paragraphs, one link, why you receive it. A drill's mail says so first. */
function layout(lang: Language, mail: { subject: string; drillNote: string | null; paragraphs: readonly string[]; action: string; url: string; why: string }): InternalMailText {
  const paragraphs = [...(mail.drillNote ? [mail.drillNote] : []), ...mail.paragraphs];
  const text = [...paragraphs.flatMap((paragraph) => [paragraph, '']), mail.action, mail.url, '', mail.why, ''].join('\n');
  const html =
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escape(mail.subject)}</title></head>` +
    `<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">` +
    paragraphs.map((paragraph, index) => `<p>${mail.drillNote && index === 0 ? `<strong>${escape(paragraph)}</strong>` : escape(paragraph)}</p>`).join('') +
    `<p>${escape(mail.action)}<br><a href="${escape(mail.url)}">${escape(mail.url)}</a></p>` +
    `<p style="color:#555">${escape(mail.why)}</p></body></html>`;
  return { subject: mail.subject, html, text };
}

export interface UpdateReminderValues {
  incidentTitle: string;
  promisedAt: Date;
  /** 'voor': 10 minutes before the promised time; 'nu': at it. */
  moment: 'voor' | 'nu';
  incidentUrl: string;
  drill: boolean;
}

/** The reminder to the incident manager and composers that a promised update is (almost) due. */
export function renderUpdateReminderMail(lang: Language, values: UpdateReminderValues): InternalMailText {
  const t = reminderMessages(lang).updateMail;
  const time = formatShortDateTime(values.promisedAt, lang);
  const subject = (values.moment === 'voor' ? t.subjectSoon : t.subjectDue)(values.incidentTitle, time);
  return layout(lang, {
    subject: values.drill ? `${t.drillSubjectPrefix}: ${subject}` : subject,
    drillNote: values.drill ? t.drillNote : null,
    paragraphs: [(values.moment === 'voor' ? t.soon : t.due)(time), t.advice],
    action: t.action,
    url: values.incidentUrl,
    why: t.why,
  });
}

export interface ApprovalWaitingValues {
  kind: 'message' | 'change' | 'review';
  title: string;
  authorName: string;
  /** The page where the approver decides. */
  url: string;
  drill: boolean;
}

/** The mail to the approvers that a message or a public change waits for them, with the link to it. */
export function renderApprovalWaitingMail(lang: Language, values: ApprovalWaitingValues): InternalMailText {
  const t = reminderMessages(lang).approvalMail;
  const subject = (values.kind === 'message' ? t.subjectMessage : t.subjectChange)(values.title);
  const intro = values.kind === 'message' ? t.message : values.kind === 'change' ? t.change : t.reviewAfterwards;
  return layout(lang, {
    subject: values.drill ? `${t.drillSubjectPrefix}: ${subject}` : subject,
    drillNote: values.drill ? t.drillNote : null,
    paragraphs: [intro(values.authorName)],
    action: t.action,
    url: values.url,
    why: t.why,
  });
}
