import type { APIRoute } from 'astro';
import css from './drill.css?raw';

export const prerender = false;

/** The drill screens' small layer on top of /admin/stijl.css, including the print layout of the report. */
export const GET: APIRoute = () =>
  new Response(css, { headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'private, max-age=300' } });
