import type { Channel } from './render-message.ts';

/** The file each channel reads, per language: e.g. "nl.email.html.hbs". */
export const CHANNEL_FILES: Record<Channel, string> = {
  subject: 'subject.hbs',
  html: 'email.html.hbs',
  text: 'email.txt.hbs',
  markdown: 'status-page.md.hbs',
};

export const CHANNELS = Object.keys(CHANNEL_FILES) as Channel[];

/**
 * Partials and Handlebars environments come in three kinds, by escaping: HTML escapes, plain text
 * (also the subject) prints as is, Markdown gets its values backslash-escaped before rendering.
 */
export type PartialKind = 'html' | 'text' | 'markdown';

export const PARTIAL_KIND_OF: Record<Channel, PartialKind> = { subject: 'text', html: 'html', text: 'text', markdown: 'markdown' };
