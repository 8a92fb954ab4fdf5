import { amsterdamDay, localize, startOfAmsterdamDay, type Language, type LocalizedText, type PublicIncident, type PublicMaintenance, type Scope } from '../domain/index.ts';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import { absoluteUrl, paths } from '../site/urls.ts';
import type { FeedSource } from './feed-source.ts';
import { FEED_WORDS, windowText } from './feed-text.ts';
import { escapeXml } from './xml.ts';

/** Feed readers and calendars need no more than this; the site's history pages have the rest. */
export const FEED_ENTRY_LIMIT = 50;

/** One item of an RSS or Atom feed, in the feed's language. */
export interface FeedEntry {
  kind: 'incident' | 'maintenance';
  /** Permanent link to the incident or maintenance page; also the entry's id. */
  link: string;
  title: string;
  /** When it was first published. */
  published: Date;
  /** The latest update: feed readers use it to surface changes. */
  updated: Date;
  /** Plain-text summary: the latest update. */
  summary: string;
  /** HTML of the whole record: status, products, advice, every update, postmortem. */
  html: string;
  categories: string[];
}

/**
 * Incidents and maintenance of a feed source as entries, most recently updated first. Entries are
 * ranked on their dates first and only the kept ones are rendered: a site with thousands of
 * incidents builds a hundred feeds, and rendering every incident's Markdown for each was the cost.
 */
export function feedEntries(source: FeedSource): FeedEntry[] {
  const candidates = [
    ...source.incidents.map((entry) => ({ updated: entry.times.updatedAt, link: entry.incident.id, render: () => rendered(source, entry, incidentEntry) })),
    ...source.maintenances.map((entry) => ({
      updated: maintenanceDates(source, entry).updated,
      link: entry.maintenance.id,
      render: () => rendered(source, entry, maintenanceEntry),
    })),
  ];
  return candidates
    .sort((a, b) => b.updated.getTime() - a.updated.getTime() || a.link.localeCompare(b.link))
    .slice(0, FEED_ENTRY_LIMIT)
    .map((candidate) => candidate.render());
}

/**
 * An entry depends only on the record and the feed's language, site URL and clock, and the same
 * incident appears in the site feeds and in every municipality's (RSS and Atom each): render once.
 */
const renderedEntries = new WeakMap<object, Map<string, FeedEntry>>();

function rendered<T extends object>(source: FeedSource, entry: T, render: (source: FeedSource, entry: T) => FeedEntry): FeedEntry {
  const key = `${source.lang}|${source.site.url}|${source.generatedAt.getTime()}`;
  let byKey = renderedEntries.get(entry);
  if (!byKey) {
    byKey = new Map();
    renderedEntries.set(entry, byKey);
  }
  let feedEntry = byKey.get(key);
  if (!feedEntry) {
    feedEntry = render(source, entry);
    byKey.set(key, feedEntry);
  }
  return feedEntry;
}

/** When a maintenance was announced and last changed (as far as known at build time). */
export function maintenanceDates(source: FeedSource, entry: PublicMaintenance): { announced: Date; updated: Date } {
  // Without an announcement update the planned start stands in, as in the API: stable across builds.
  const announced = entry.updates.at(-1)?.at ?? entry.maintenance.scheduled_for;
  const changes = [entry.updates[0]?.at, entry.startedAt, entry.completedAt].filter(
    (instant): instant is Date => instant instanceof Date && instant.getTime() <= source.generatedAt.getTime(),
  );
  return { announced, updated: new Date(Math.max(announced.getTime(), ...changes.map((instant) => instant.getTime()))) };
}

function incidentEntry(source: FeedSource, entry: PublicIncident): FeedEntry {
  const { lang } = source;
  const words = FEED_WORDS[lang];
  const { incident, times } = entry;
  const latest = entry.updates[0]!;
  const status = words.incidentStatus[times.status];
  const html = [
    `<p><strong>${escapeXml(status)}</strong></p>`,
    facts(lang, entry, incident.scope),
    // Outage advice only while the incident is open; after resolution it would mislead.
    incident.workaround && times.status !== 'resolved' ? section(words.workaround, incident.workaround, lang) : '',
    `<h2>${escapeXml(words.updates)}</h2>`,
    ...entry.updates.map((update) => {
      const next = update === latest && update.next_update_at && times.status !== 'resolved'
        ? `<p>${escapeXml(words.nextUpdate)}: ${escapeXml(words.dateTime(update.next_update_at))}</p>`
        : '';
      return `<h3>${escapeXml(words.incidentStatus[update.status])} – ${escapeXml(words.dateTime(update.at))}</h3>${markdownBlock(update.body, lang)}${next}`;
    }),
    incident.postmortem && times.status === 'resolved' ? section(words.postmortem, incident.postmortem, lang) : '',
  ].join('');
  return {
    kind: 'incident',
    link: absoluteUrl(source.site.url, paths.incident(lang, incident.id)),
    title: `${localize(incident.title, lang).text} – ${status}`,
    published: times.startedAt,
    updated: times.updatedAt,
    summary: `${words.incidentStatus[latest.status]} (${words.dateTime(latest.at)}): ${localize(latest.body, lang).text}`,
    html,
    categories: [status, ...entry.components.map((component) => component.name)],
  };
}

function maintenanceEntry(source: FeedSource, entry: PublicMaintenance): FeedEntry {
  const { lang } = source;
  const words = FEED_WORDS[lang];
  const { maintenance } = entry;
  const status = words.maintenanceStatus[entry.status];
  const window = windowText(words, maintenance.scheduled_for, maintenance.scheduled_until);
  const { announced, updated } = maintenanceDates(source, entry);
  const latest = entry.updates[0];
  const html = [
    `<p><strong>${escapeXml(status)}</strong></p>`,
    `<p>${escapeXml(words.when)}: ${escapeXml(window)}</p>`,
    facts(lang, entry, maintenance.scope),
    markdownBlock(maintenance.description, lang),
    entry.updates.length > 0 ? `<h2>${escapeXml(words.updates)}</h2>` : '',
    ...entry.updates.map(
      (update) => `<h3>${escapeXml(words.maintenanceStatus[update.status])} – ${escapeXml(words.dateTime(update.at))}</h3>${markdownBlock(update.body, lang)}`,
    ),
  ].join('');
  return {
    kind: 'maintenance',
    link: absoluteUrl(source.site.url, paths.maintenance(lang, maintenance.id)),
    title: `${words.maintenance}: ${localize(maintenance.title, lang).text} – ${status}`,
    published: announced,
    updated,
    summary: latest
      ? `${words.maintenanceStatus[latest.status]} (${words.dateTime(latest.at)}): ${localize(latest.body, lang).text}`
      : `${words.planned}: ${window}. ${localize(maintenance.description, lang).text}`,
    html,
    categories: [words.maintenance, ...entry.components.map((component) => component.name)],
  };
}

function facts(lang: Language, entry: { components: { name: string }[]; municipalities: { name: string }[] }, scope: Scope): string {
  const words = FEED_WORDS[lang];
  const products = entry.components.map((component) => component.name).join(', ');
  const municipalities = scope === 'all' ? words.allMunicipalitiesUsing : entry.municipalities.map((municipality) => municipality.name).join(', ');
  return `<ul><li>${escapeXml(words.products)}: ${escapeXml(products)}</li><li>${escapeXml(words.municipalities)}: ${escapeXml(municipalities)}</li></ul>`;
}

function section(heading: string, text: LocalizedText, lang: Language): string {
  return `<h2>${escapeXml(heading)}</h2>${markdownBlock(text, lang)}`;
}

/** Staff Markdown through the one safe renderer; marked Dutch when no translation exists. */
function markdownBlock(text: LocalizedText, lang: Language): string {
  const localized = localize(text, lang);
  const html = renderMarkdown(localized.text);
  return localized.lang === lang ? html : `<div lang="${localized.lang}">${html}</div>`;
}

/**
 * When a feed last changed: its newest entry dated by this build (an upcoming maintenance
 * announced without an update is dated by its planned start, ahead of the build). Without one,
 * the start of today (Amsterdam), which the daily rebuild confirms: never the build's minute, so
 * every build of the same content gives the same bytes.
 */
export function feedUpdated(source: FeedSource, entries: readonly FeedEntry[]): Date {
  const now = source.generatedAt.getTime();
  const past = entries.map((entry) => entry.updated.getTime()).filter((instant) => instant <= now);
  return past.length > 0 ? new Date(Math.max(...past)) : startOfAmsterdamDay(amsterdamDay(source.generatedAt));
}
