import { feedEntries, feedUpdated } from './feed-entries.ts';
import type { FeedSource } from './feed-source.ts';
import { FEED_WORDS } from './feed-text.ts';
import { feedStylesheetInstruction } from './feed-stylesheet.ts';
import { element, emptyElement } from './xml.ts';

/** Atom 1.0 (RFC 4287) of incidents and maintenance, the same entries as the RSS feed. */
export function renderAtom(source: FeedSource): string {
  const entries = feedEntries(source);
  const updated = feedUpdated(source, entries);
  const vendor = source.site.vendor;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    // Browsers show a readable page; feed readers ignore the instruction.
    feedStylesheetInstruction(source.lang),
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${source.lang}">`,
    element('id', source.atomUrl),
    element('title', source.title),
    element('subtitle', FEED_WORDS[source.lang].feedDescription),
    element('updated', updated.toISOString()),
    emptyElement('link', { rel: 'self', type: 'application/atom+xml', href: source.atomUrl }),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: source.pageUrl }),
    `<author>${element('name', vendor.name)}${vendor.url ? element('uri', vendor.url) : ''}</author>`,
    element('generator', 'Helder'),
    ...entries.map((entry) =>
      [
        '<entry>',
        element('id', entry.link),
        element('title', entry.title),
        emptyElement('link', { rel: 'alternate', type: 'text/html', href: entry.link }),
        element('published', entry.published.toISOString()),
        element('updated', entry.updated.toISOString()),
        element('summary', entry.summary, { type: 'text' }),
        element('content', entry.html, { type: 'html' }),
        ...entry.categories.map((category) => emptyElement('category', { term: category })),
        '</entry>',
      ].join('\n'),
    ),
    '</feed>',
    '',
  ].join('\n');
}
