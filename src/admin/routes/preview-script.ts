import type { APIRoute } from 'astro';
import script from '../assets/voorbeeld.js?raw';

export const prerender = false;

/** The compose page's live-preview script, served as a file: the admin's CSP allows no inline script. */
export const GET: APIRoute = () =>
  new Response(script, { headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'private, max-age=300' } });
