import { createHash } from 'node:crypto';
import font400 from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import font700 from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2?url';
import headingCss from '@nl-design-system-candidate/heading-css/heading.css?raw';
import linkCss from '@nl-design-system-candidate/link-css/link.css?raw';
import paragraphCss from '@nl-design-system-candidate/paragraph-css/paragraph.css?raw';
import skipLinkCss from '@nl-design-system-candidate/skip-link-css/skip-link.css?raw';
import themeCss from '@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css?raw';
import pageFooterCss from '@utrecht/page-footer-css/dist/index.min.css?raw';
import pageHeaderCss from '@utrecht/page-header-css/dist/index.min.css?raw';
import rootCss from '@utrecht/root-css/dist/index.min.css?raw';
import tableCss from '@utrecht/table-css/dist/index.min.css?raw';
import type { Site } from '../domain/index.ts';
import { brandProperties } from './brand-properties.ts';
import helderCss from './helder.css?raw';
import { minifyCss } from './minify-css.ts';
import { pruneDesignTokens } from './prune-design-tokens.ts';

/**
 * The public site's one stylesheet: self-hosted Noto Sans (latin, 400 and 700), the NL Design
 * System component CSS we use (imported one by one), only the voorbeeld tokens those reach, our
 * own layout (helder.css) and the vendor's brand colours. One file keeps the home page at four
 * requests; the content hash in its name lets hosts cache it forever.
 */
const componentCss = [rootCss, skipLinkCss, headingCss, paragraphCss, linkCss, pageHeaderCss, pageFooterCss, tableCss].join('\n');

const fontFaces = [
  [400, font400],
  [700, font700],
]
  .map(([weight, url]) => `@font-face{font-family:'Noto Sans';font-style:normal;font-display:swap;font-weight:${weight};src:url(${url}) format('woff2')}`)
  .join('');

export interface SiteStylesheet {
  /** File name without extension, e.g. "helder-3f2a9c01b2". */
  name: string;
  /** Site-relative URL, e.g. "/assets/helder-3f2a9c01b2.css". */
  path: string;
  css: string;
}

const built = new Map<string, SiteStylesheet>();

export function siteStylesheet(site: Pick<Site, 'brand'>): SiteStylesheet {
  const key = JSON.stringify(site.brand);
  let stylesheet = built.get(key);
  if (!stylesheet) {
    const used = `${componentCss}\n${helderCss}`;
    const css = minifyCss([fontFaces, componentCss, pruneDesignTokens(themeCss, used, '.voorbeeld-theme'), helderCss, brandProperties(site.brand)].join('\n'));
    const name = `helder-${createHash('sha256').update(css).digest('hex').slice(0, 10)}`;
    stylesheet = { name, path: `/assets/${name}.css`, css };
    built.set(key, stylesheet);
  }
  return stylesheet;
}
