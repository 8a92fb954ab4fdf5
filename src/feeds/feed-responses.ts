import type { FeedSource } from './feed-source.ts';
import { renderAtom } from './render-atom.ts';
import { renderIcal } from './render-ical.ts';
import { renderRss } from './render-rss.ts';

/** Route helpers: the body plus the media type a static host would infer from the extension. */
export function rssResponse(source: FeedSource): Response {
  return new Response(renderRss(source), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
}

export function atomResponse(source: FeedSource): Response {
  return new Response(renderAtom(source), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
}

export function icalResponse(source: FeedSource): Response {
  return new Response(renderIcal(source), { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
}
