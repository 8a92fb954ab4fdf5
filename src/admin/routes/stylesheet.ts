import type { APIRoute } from 'astro';
import { siteStylesheet } from '../../styles/site-stylesheet.ts';
import { readCatalogue } from '../../use-cases/catalogue/read-catalogue.ts';
import adminCss from '../assets/admin.css?raw';

export const prerender = false;

/** The public site's stylesheet (same tokens, fonts and brand colours) plus the admin's layer. */
export const GET: APIRoute = ({ locals }) => {
  const app = locals.app;
  if (!app) return new Response('', { status: 503 });
  const css = `${siteStylesheet(readCatalogue(app.context).site).css}\n${adminCss}`;
  return new Response(css, { headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'private, max-age=300' } });
};
