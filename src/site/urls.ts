import type { Language } from '../domain/index.ts';

/**
 * Every public address in one place. Dutch paths at the root, English under /en/. Paths end in
 * "/" (directory pages); feeds and API files have extensions. Pages, feeds, the API, sitemaps and
 * e-mails all build links through these functions so they can never disagree.
 */
const prefix = (lang: Language) => (lang === 'en' ? '/en' : '');

export const paths = {
  home: (lang: Language) => `${prefix(lang)}/`,
  history: (lang: Language, page = 1) => `${prefix(lang)}/${lang === 'en' ? 'history' : 'geschiedenis'}/${page > 1 ? `${page}/` : ''}`,
  incident: (lang: Language, id: string) => `${prefix(lang)}/${lang === 'en' ? 'incidents' : 'incidenten'}/${id}/`,
  maintenance: (lang: Language, id: string) => `${prefix(lang)}/${lang === 'en' ? 'maintenance' : 'onderhoud'}/${id}/`,
  municipalities: (lang: Language) => `${prefix(lang)}/${lang === 'en' ? 'municipalities' : 'gemeenten'}/`,
  municipality: (lang: Language, id: string) => `${paths.municipalities(lang)}${id}/`,
  /** The municipality search: a GET form (?q=…) answered by the public server; a static page listing all names elsewhere. */
  municipalitySearch: (lang: Language) => `${paths.municipalities(lang)}${lang === 'en' ? 'search' : 'zoeken'}/`,
  /** The search index the public server answers searches from, written by the same build as the page. */
  municipalitySearchIndex: (lang: Language) => `${paths.municipalitySearch(lang)}index.json`,
  product: (lang: Language, id: string) => `${prefix(lang)}/${lang === 'en' ? 'products' : 'producten'}/${id}/`,
  /** The continuity guidance on a product's page. */
  productGuidance: (lang: Language, id: string) => `${paths.product(lang, id)}#${lang === 'en' ? 'continuity' : 'continuiteit'}`,
  accessibility: (lang: Language) => `${prefix(lang)}/${lang === 'en' ? 'accessibility' : 'toegankelijkheid'}/`,
  about: (lang: Language) => `${prefix(lang)}/${lang === 'en' ? 'about' : 'over'}/`,
  incidentsRss: (lang: Language) => `${prefix(lang)}/feeds/incidents.xml`,
  incidentsAtom: (lang: Language) => `${prefix(lang)}/feeds/incidents.atom`,
  maintenanceIcal: (lang: Language) => `${prefix(lang)}/feeds/maintenance.ics`,
  municipalityRss: (lang: Language, id: string) => `${paths.municipality(lang, id)}incidents.xml`,
  municipalityAtom: (lang: Language, id: string) => `${paths.municipality(lang, id)}incidents.atom`,
  municipalityIcal: (lang: Language, id: string) => `${paths.municipality(lang, id)}maintenance.ics`,
  productRss: (lang: Language, id: string) => `${paths.product(lang, id)}incidents.xml`,
  productAtom: (lang: Language, id: string) => `${paths.product(lang, id)}incidents.atom`,
  productIcal: (lang: Language, id: string) => `${paths.product(lang, id)}maintenance.ics`,
  api: (endpoint: string) => `/api/v2/${endpoint}`,
  /** Self-service e-mail subscription: served by the admin server (see subscribe-target.ts), one path for both languages. */
  subscribe: '/abonneren',
} as const;

/** An absolute URL on the public site, for feeds, the API and e-mails. */
export function absoluteUrl(siteUrl: string, path: string): string {
  return `${siteUrl.replace(/\/+$/, '')}${path}`;
}
