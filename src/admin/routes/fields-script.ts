import type { APIRoute } from 'astro';
import script from '../assets/velden.js?raw';

export const prerender = false;

/** Disables form fields that do not apply to the current choice; served as a file (the admin's CSP allows no inline script). */
export const GET: APIRoute = () =>
  new Response(script, { headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'private, max-age=300' } });
