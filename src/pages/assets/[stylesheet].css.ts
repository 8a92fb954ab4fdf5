import type { APIRoute, GetStaticPaths } from 'astro';
import { getReadModel } from '../../site/read-model.ts';
import { siteStylesheet } from '../../styles/site-stylesheet.ts';

/** The one stylesheet, generated at build time because it carries the vendor's brand colours. */
export const getStaticPaths = (() => [{ params: { stylesheet: siteStylesheet(getReadModel().site).name } }]) satisfies GetStaticPaths;

export const GET: APIRoute = () =>
  new Response(siteStylesheet(getReadModel().site).css, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
