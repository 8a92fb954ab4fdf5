// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { helderAdmin } from './src/admin/integration.ts';

/**
 * Two builds come from this one config:
 * - the full build (`npm run build`): the prerendered public site plus the admin's on-demand
 *   routes, served by our own node:http server through the adapter's middleware handler;
 * - the public build (`HELDER_BUILD=public`): static files only, no adapter and no admin routes,
 *   which the admin's publish step runs after every approved change and which can be deployed to
 *   any static host.
 */
const publicOnly = process.env.HELDER_BUILD === 'public';

export default defineConfig({
  site: process.env.HELDER_SITE_URL ?? 'https://status.example.nl',
  output: 'static',
  outDir: process.env.HELDER_OUT_DIR ?? './dist',
  // The 'jsx' default strips spaces between inline elements and glues Dutch words together.
  compressHTML: true,
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'never' },
  markdown: { syntaxHighlight: false },
  adapter: publicOnly ? undefined : node({ mode: 'middleware' }),
  integrations: [mdx(), sitemap(), ...(publicOnly ? [] : [helderAdmin()])],
  devToolbar: { enabled: false },
});
