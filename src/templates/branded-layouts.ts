import { LANGUAGES, type Language, type Site } from '../domain/index.ts';
import type { EnvironmentFor } from './compile-templates.ts';
import { brandCss, prepareEmailStyles } from './email-styles.ts';
import { layoutFile, type LayoutSources } from './load-layout.ts';
import type { LayoutTemplates, TemplateFunction } from './render-message.ts';

/** Gives the compiled layout for a site's brand and a language. */
export type LayoutFor = (site: Site, lang: Language) => LayoutTemplates;

/** Distinct brands kept at once; more than this (a test changing colours in a loop) starts afresh. */
const MAX_BRANDS = 32;

/**
 * Layouts are inlined once per brand: juice is far too slow to run per message. The text layouts
 * do not depend on the brand and are compiled at once; HTML layouts on the first render per brand.
 */
export function createBrandedLayouts(layout: LayoutSources, environment: EnvironmentFor): LayoutFor {
  const textLayouts = new Map<Language, TemplateFunction>();
  for (const lang of LANGUAGES) {
    const text = layoutFile(layout, lang, 'txt');
    if (text) textLayouts.set(lang, environment('text', lang).compile(text.source));
  }
  const brandedLayouts = new Map<string, { html: Map<Language, TemplateFunction>; tagStyles: ReadonlyMap<string, string> }>();
  const layoutsBySite = new WeakMap<Site, Map<Language, LayoutTemplates>>();

  const brand = (siteCss: string) => {
    const html = new Map<Language, TemplateFunction>();
    let tagStyles: ReadonlyMap<string, string> = new Map();
    for (const layoutLang of LANGUAGES) {
      const source = layoutFile(layout, layoutLang, 'html');
      if (!source) continue;
      const styles = prepareEmailStyles(source.source, siteCss);
      html.set(layoutLang, environment('html', layoutLang).compile(styles.layoutSource));
      tagStyles = styles.tagStyles;
    }
    return { html, tagStyles };
  };

  return (site, lang) => {
    const known = layoutsBySite.get(site)?.get(lang);
    if (known) return known;
    const siteCss = brandCss(layout.css, site);
    let branded = brandedLayouts.get(siteCss);
    if (!branded) {
      branded = brand(siteCss);
      if (brandedLayouts.size > MAX_BRANDS) brandedLayouts.clear();
      brandedLayouts.set(siteCss, branded);
    }
    const compiled = { html: branded.html.get(lang)!, text: textLayouts.get(lang)!, tagStyles: branded.tagStyles };
    // Sites are immutable once loaded; a new site object (e.g. after a config change) is prepared afresh.
    const perLanguage = layoutsBySite.get(site) ?? new Map<Language, LayoutTemplates>();
    perLanguage.set(lang, compiled);
    layoutsBySite.set(site, perLanguage);
    return compiled;
  };
}
