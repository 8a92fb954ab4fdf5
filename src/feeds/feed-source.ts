import { localize, municipalityRecords, productView, type Language, type Municipality, type PublicIncident, type PublicMaintenance, type ReadModel, type Site } from '../domain/index.ts';
import { absoluteUrl, paths } from '../site/urls.ts';
import { FEED_WORDS } from './feed-text.ts';

/** What one feed covers: the whole page, or the part one municipality cares about. */
export interface FeedSource {
  lang: Language;
  site: Site;
  title: string;
  /** The HTML page this feed mirrors. */
  pageUrl: string;
  rssUrl: string;
  atomUrl: string;
  icalUrl: string;
  generatedAt: Date;
  /** Newest first, as in the read model. */
  incidents: PublicIncident[];
  maintenances: PublicMaintenance[];
}

export function siteFeedSource(model: ReadModel, lang: Language): FeedSource {
  const url = (path: string) => absoluteUrl(model.site.url, path);
  return {
    lang,
    site: model.site,
    title: localize(model.site.title, lang).text,
    pageUrl: url(paths.home(lang)),
    rssUrl: url(paths.incidentsRss(lang)),
    atomUrl: url(paths.incidentsAtom(lang)),
    icalUrl: url(paths.maintenanceIcal(lang)),
    generatedAt: model.generatedAt,
    incidents: model.incidents,
    maintenances: model.maintenances,
  };
}

/** Only incidents and maintenance that touch this municipality (the same rule as its page). */
export function municipalityFeedSource(model: ReadModel, municipality: Municipality, lang: Language): FeedSource {
  const url = (path: string) => absoluteUrl(model.site.url, path);
  // The selection municipalityView uses, without its uptime work that feeds never show.
  const { incidents, maintenances } = municipalityRecords(model, municipality);
  return {
    lang,
    site: model.site,
    title: `${localize(model.site.title, lang).text} – ${FEED_WORDS[lang].forMunicipality(municipality.name)}`,
    pageUrl: url(paths.municipality(lang, municipality.id)),
    rssUrl: url(paths.municipalityRss(lang, municipality.id)),
    atomUrl: url(paths.municipalityAtom(lang, municipality.id)),
    icalUrl: url(paths.municipalityIcal(lang, municipality.id)),
    generatedAt: model.generatedAt,
    incidents,
    maintenances,
  };
}

/** Only incidents and maintenance that affect this product (the same selection as its page). */
export function productFeedSource(model: ReadModel, componentId: string, lang: Language): FeedSource {
  const view = productView(model, componentId);
  if (!view) throw new Error(`unknown product "${componentId}" in feed route; expected an id from content/components.yaml`);
  const url = (path: string) => absoluteUrl(model.site.url, path);
  return {
    lang,
    site: model.site,
    title: `${localize(model.site.title, lang).text} – ${FEED_WORDS[lang].forProduct(view.entry.component.name)}`,
    pageUrl: url(paths.product(lang, componentId)),
    rssUrl: url(paths.productRss(lang, componentId)),
    atomUrl: url(paths.productAtom(lang, componentId)),
    icalUrl: url(paths.productIcal(lang, componentId)),
    generatedAt: model.generatedAt,
    incidents: view.incidents,
    maintenances: view.maintenances,
  };
}

/** A municipality by CBS code, or a clear error for a route asked for an unknown one. */
export function findMunicipality(model: ReadModel, id: string | undefined): Municipality {
  const municipality = model.municipalities.find((candidate) => candidate.id === id);
  if (!municipality) throw new Error(`unknown municipality "${id}" in feed route; expected a CBS code from content/municipalities.yaml`);
  return municipality;
}
