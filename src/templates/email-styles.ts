import juice from 'juice';
import type { Site } from '../domain/index.ts';

/**
 * E-mail clients ignore most <style> rules, so every element needs its look inline. juice does
 * that well but takes milliseconds per message, so it runs once per layout and brand: on the
 * layout itself, and on a sample of the tags that message bodies use. Each render then only
 * stamps the precomputed inline styles onto the body's tags (microseconds).
 */

/** Tags that template bodies and our Markdown renderer produce; each gets its inline style. */
const CONTENT_TAGS = ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'code', 'pre', 'blockquote', 'hr'] as const;
const CONTENT_TAG_PATTERN = new RegExp(`<(${CONTENT_TAGS.join('|')})(\\s[^>]*)?>`, 'g');

export interface EmailStyles {
  /** The layout source with CSS inlined (media queries kept in a <style>), ready to compile. */
  layoutSource: string;
  /** Inline style per content tag, as `.content <tag>` rules would apply it. */
  tagStyles: ReadonlyMap<string, string>;
}

/** The stylesheet with the site's brand colours filled in for the `var(--brand-…)` tokens. */
export function brandCss(css: string, site: Site): string {
  const colours: Record<string, string> = {
    '--brand-primary': site.brand.primary,
    '--brand-on-primary': site.brand.on_primary,
    '--brand-primary-dark': site.brand.primary_dark ?? '#9cc4ff',
  };
  return css.replace(/var\((--brand-[a-z-]+)\)/g, (token, name: string) => colours[name] ?? token);
}

/** Inlines the CSS into one layout and derives the content tag styles; run once per brand. */
export function prepareEmailStyles(layoutSource: string, css: string): EmailStyles {
  const withStyle = layoutSource.replace(/<\/head>/i, `<style>\n${css}\n</style>\n</head>`);
  const layout = juice(withStyle, { preserveMediaQueries: true, removeStyleTags: true, applyWidthAttributes: false, applyHeightAttributes: false });
  const sample = `<html><head><style>${css}</style></head><body><table><tr><td class="content">${CONTENT_TAGS.map((tag) =>
    tag === 'hr' ? '<hr>' : tag === 'li' ? '<ul><li>x</li></ul>' : `<${tag}>x</${tag}>`,
  ).join('')}</td></tr></table></body></html>`;
  const inlined = juice(sample, { preserveMediaQueries: false, removeStyleTags: true });
  const tagStyles = new Map<string, string>();
  for (const match of inlined.matchAll(/<([a-z0-9]+)\s[^>]*?style="([^"]*)"/g)) {
    const [, tag, style] = match;
    if (tag && style && (CONTENT_TAGS as readonly string[]).includes(tag) && !tagStyles.has(tag)) tagStyles.set(tag, style);
  }
  return { layoutSource: layout, tagStyles };
}

/**
 * Puts the precomputed inline style on every content tag of a rendered body. Safe on our own
 * output only: Handlebars and markdown-it escape `<`, `>` and `"` in values, so every `<tag`
 * in the body was written by a template author or by the Markdown renderer.
 */
export function applyTagStyles(html: string, tagStyles: ReadonlyMap<string, string>): string {
  return html.replace(CONTENT_TAG_PATTERN, (whole, tag: string, attributes: string | undefined) => {
    const style = tagStyles.get(tag);
    if (!style || (attributes && /\sstyle=/i.test(attributes))) return whole;
    return `<${tag}${attributes ?? ''} style="${style}">`;
  });
}
