import type { APIRoute } from 'astro';
import { FEED_CSS } from '../../feeds/feed-stylesheet.ts';

export const prerender = true;

/** The CSS of the page a browser makes of a feed (through feed.xsl); one file for both languages. */
export const GET: APIRoute = () => new Response(FEED_CSS, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
