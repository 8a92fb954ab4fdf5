import type { APIRoute } from 'astro';
import { renderFeedStylesheet } from '../../../feeds/feed-stylesheet.ts';

export const prerender = true;

export const GET: APIRoute = () => new Response(renderFeedStylesheet('en'), { headers: { 'Content-Type': 'application/xslt+xml; charset=utf-8' } });
