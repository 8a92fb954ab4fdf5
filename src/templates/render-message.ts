import Handlebars from 'handlebars';
import type { Language, Site } from '../domain/index.ts';
import { messages } from '../i18n/index.ts';
import { escapeMarkdown, markdownUrl } from '../markdown/escape-markdown.ts';
import { markdownToText } from '../markdown/markdown-to-text.ts';
import { renderEmailMarkdown } from '../markdown/render-markdown.ts';
import { absoluteUrl, paths } from '../site/urls.ts';
import type { VariableDefinition } from './manifest.ts';
import { escapeHtml, isolateBidi, normaliseOneLine, sanitiseSubject, tidyPlainText } from './text-safety.ts';
import type { MunicipalityItem, ProductItem, TemplateValues } from './values-schema.ts';

/** The output channels; each has its own Handlebars environment and escaping. */
export type Channel = 'subject' | 'html' | 'text' | 'markdown';

export interface RenderOptions {
  /** Vendor name, brand colours and status-page address. */
  site: Site;
  /** An exercise: every channel is marked so nobody can mistake it for the real thing. */
  drill?: boolean;
  /** The recipient's own link; leave it out to get UNSUBSCRIBE_PLACEHOLDER (for approval). */
  unsubscribeUrl?: string;
  /** A demo's own http address on loopback, allowed in url values besides https (values-schema.ts). */
  localOrigin?: string | undefined;
}

export interface RenderedMessage {
  templateId: string;
  /** Content hash of every file that shaped this output. */
  templateVersion: string;
  lang: Language;
  subject: string;
  html: string;
  text: string;
  statusPageMarkdown: string;
}

export type TemplateFunction = (context: unknown, options?: { data?: Record<string, unknown> }) => string;

export const DRILL_SUBJECT_PREFIX = 'OEFENING / DRILL – ';

/** Said in the message's language first, then the other, so no reader can miss it. */
const DRILL_NOTICE: Record<Language, string> = {
  nl:
    'OEFENING – Dit is een oefenbericht. Er is niets echt verstuurd of gepubliceerd en er is geen echte storing. ' +
    '/ DRILL – This is an exercise message. Nothing was actually sent or published.',
  en:
    'DRILL – This is an exercise message. Nothing was actually sent or published and there is no real outage. ' +
    '/ OEFENING – Dit is een oefenbericht. Er is niets echt verstuurd of gepubliceerd.',
};

/**
 * Builds the values one channel sees: every string already safe for where it lands. `uses`
 * (root names the channel's template refers to, from the load-time check) skips work for
 * variables that channel never shows.
 */
export function buildView(
  variables: readonly VariableDefinition[],
  values: TemplateValues,
  lang: Language,
  channel: Channel,
  site: Site,
  uses?: ReadonlySet<string>,
): Record<string, unknown> {
  // HTML escaping is Handlebars' own job; plain channels print as is; Markdown gets backslashes.
  const text = channel === 'markdown' ? (value: string) => escapeMarkdown(isolateBidi(value)) : isolateBidi;
  const url = channel === 'markdown' ? markdownUrl : (value: string) => value;
  const statusLabels = messages(lang).componentStatus;
  const view: Record<string, unknown> = {};
  for (const variable of variables) {
    if (uses && !uses.has(variable.name) && !uses.has(`${variable.name}_label`)) continue;
    const value = values[variable.name] ?? null;
    switch (variable.type) {
      case 'text':
        view[variable.name] = value === null ? null : text(value as string);
        break;
      case 'markdown':
        view[variable.name] =
          value === null
            ? null
            : channel === 'html'
              ? new Handlebars.SafeString(renderEmailMarkdown(value as string))
              : channel === 'markdown'
                ? value
                : // The text part and the subject read the words, not the Markdown marks.
                  isolateBidi(markdownToText(value as string));
        break;
      case 'paragraphs':
        view[variable.name] = value === null ? null : paragraphsFor(channel, value as string);
        break;
      case 'url':
        view[variable.name] = value === null ? null : url(value as string);
        break;
      case 'choice': {
        view[variable.name] = value;
        const option = variable.options?.find((candidate) => candidate.value === value);
        view[`${variable.name}_label`] = option ? text(option.label[lang]) : null;
        break;
      }
      case 'component_list':
        view[variable.name] =
          value === null
            ? null
            : (value as ProductItem[]).map((item) => ({
                id: item.id,
                name: text(item.name),
                status: item.status,
                status_label: item.status ? text(statusLabels[item.status]) : null,
              }));
        break;
      case 'municipality_list':
        view[variable.name] = value === null ? null : (value as MunicipalityItem[]).map((item) => ({ id: item.id, name: text(item.name) }));
        break;
      default:
        view[variable.name] = value;
    }
  }
  view.vendor_name = text(site.vendor.name);
  view.status_page_url = url(absoluteUrl(site.url, paths.home(lang)));
  view.support_email = site.vendor.support_email ? text(site.vendor.support_email) : null;
  view.support_phone = site.vendor.support_phone ? text(site.vendor.support_phone) : null;
  return view;
}

/**
 * Plain text in paragraphs for one channel: in HTML each paragraph a <p> with its line breaks as
 * <br> (every character escaped), in Markdown each paragraph escaped to stay literal text, in
 * plain text exactly as typed. It is never read as Markdown: a resident text with "1." or "*"
 * must paste as it was written.
 */
function paragraphsFor(channel: Channel, value: string): string | Handlebars.SafeString {
  const paragraphs = value.split(/\n[ \t]*\n+/).map((paragraph) => paragraph.trim()).filter((paragraph) => paragraph !== '');
  if (channel === 'html') {
    return new Handlebars.SafeString(paragraphs.map((paragraph) => `<p>${paragraph.split('\n').map((line) => escapeHtml(isolateBidi(line))).join('<br>')}</p>`).join('\n'));
  }
  if (channel === 'markdown') return paragraphs.map((paragraph) => escapeMarkdown(isolateBidi(paragraph))).join('\n\n');
  return paragraphs.map(isolateBidi).join('\n\n');
}

const BLOCK_TYPES = new Set<VariableDefinition['type']>(['markdown', 'paragraphs']);

/** The subject sees the plain values, with Markdown and paragraphs flattened to one line. */
function subjectView(variables: readonly VariableDefinition[], plainView: Record<string, unknown>): Record<string, unknown> {
  if (!variables.some((variable) => BLOCK_TYPES.has(variable.type))) return plainView;
  const view = { ...plainView };
  for (const variable of variables) {
    if (BLOCK_TYPES.has(variable.type) && typeof view[variable.name] === 'string') view[variable.name] = normaliseOneLine(view[variable.name] as string);
  }
  return view;
}

export interface ChannelTemplates {
  subject: TemplateFunction;
  html: TemplateFunction;
  text: TemplateFunction;
  markdown: TemplateFunction;
  /** Root names each channel refers to (text includes the subject's). */
  uses: Record<'html' | 'text' | 'markdown', ReadonlySet<string>>;
}

export interface LayoutTemplates {
  html: TemplateFunction;
  text: TemplateFunction;
  tagStyles: ReadonlyMap<string, string>;
}

/** Runs every channel; returns only when all of them succeeded (nothing is rendered half). */
export function renderChannels(input: {
  templateId: string;
  templateVersion: string;
  variables: readonly VariableDefinition[];
  values: TemplateValues;
  lang: Language;
  channels: ChannelTemplates;
  layout: LayoutTemplates;
  site: Site;
  drill: boolean;
  unsubscribeUrl: string;
  applyTagStyles: (html: string, tagStyles: ReadonlyMap<string, string>) => string;
}): RenderedMessage {
  const { variables, values, lang, channels, layout, site, drill } = input;
  const data = { data: { lang } };
  const plainView = buildView(variables, values, lang, 'text', site, channels.uses.text);

  const subject = sanitiseSubject(channels.subject(subjectView(variables, plainView), data), drill ? DRILL_SUBJECT_PREFIX : '');

  const htmlView = buildView(variables, values, lang, 'html', site, channels.uses.html);
  const htmlBody = input.applyTagStyles(channels.html(htmlView, data), layout.tagStyles);
  const html = layout.html(
    {
      ...htmlView,
      lang,
      subject,
      body: new Handlebars.SafeString(htmlBody),
      drill_notice: drill ? DRILL_NOTICE[lang] : null,
      unsubscribe_url: input.unsubscribeUrl,
    },
    data,
  );

  const textBody = layout.text({ ...plainView, lang, subject, body: tidyPlainText(channels.text(plainView, data)), unsubscribe_url: input.unsubscribeUrl }, data);
  const text = (drill ? `${DRILL_NOTICE[lang]}\n\n` : '') + tidyPlainText(textBody);

  const markdownBody = tidyPlainText(channels.markdown(buildView(variables, values, lang, 'markdown', site, channels.uses.markdown), data));
  const statusPageMarkdown = (drill ? `**${escapeMarkdown(DRILL_NOTICE[lang])}**\n\n` : '') + markdownBody;

  return { templateId: input.templateId, templateVersion: input.templateVersion, lang, subject, html, text, statusPageMarkdown };
}
