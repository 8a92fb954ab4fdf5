import { FEED_WORDS } from './feed-text.ts';
import { feedEntries, feedUpdated } from './feed-entries.ts';
import type { FeedSource } from './feed-source.ts';
import { feedStylesheetInstruction } from './feed-stylesheet.ts';
import { element, emptyElement } from './xml.ts';

/**
 * RSS 2.0 of incidents and maintenance. One item per incident (guid = its page), dated by its
 * latest update, so a reader sees the item move up when the incident changes.
 */
export function renderRss(source: FeedSource): string {
  const entries = feedEntries(source);
  const items = entries.map((entry) =>
    [
      '<item>',
      element('title', entry.title),
      element('link', entry.link),
      element('guid', entry.link, { isPermaLink: 'true' }),
      element('pubDate', entry.updated.toUTCString()),
      element('description', entry.html),
      ...entry.categories.map((category) => element('category', category)),
      '</item>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    // Browsers show a readable page; feed readers ignore the instruction.
    feedStylesheetInstruction(source.lang),
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    element('title', source.title),
    element('link', source.pageUrl),
    element('description', `${FEED_WORDS[source.lang].feedDescription}: ${source.title}`),
    element('language', source.lang === 'nl' ? 'nl-NL' : 'en-GB'),
    // The feed's last change, not the build's clock: a rebuild of the same content gives the same bytes.
    element('lastBuildDate', feedUpdated(source, entries).toUTCString()),
    element('generator', 'Helder'),
    emptyElement('atom:link', { href: source.rssUrl, rel: 'self', type: 'application/rss+xml' }),
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
