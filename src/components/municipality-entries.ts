import {
  compareNames,
  indexLetter,
  municipalityView,
  searchTerms,
  type Language,
  type Municipality,
  type ReadModel,
} from '../domain/index.ts';
import { messages } from '../i18n/index.ts';
import { paths } from '../site/urls.ts';
import { indicatorTone, type Tone } from './tones.ts';

/**
 * The municipality index, the search page and the public server's search answers all show the
 * same entry: name, CBS code, other names, and the municipality's current state in words and
 * shape. The entry is one HTML string built here, so a server answer (which only has the built
 * files, no templates) shows exactly what the static page shows.
 */

export interface MunicipalityEntry {
  municipality: Municipality;
  aliases: readonly string[];
  tone: Tone;
  state: string;
  /** Keys the search compares a query with. */
  terms: string[];
  html: string;
}

/** A cross-reference in the alphabetical index: "Den Haag: see 's-Gravenhage". */
export interface AliasReference {
  alias: string;
  municipality: Municipality;
  html: string;
}

export interface LetterGroup {
  letter: string;
  /** Entries and cross-references, in alphabetical order of the name they are filed under. */
  items: Array<{ sortName: string; html: string }>;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/** The same markup as StatusIcon.astro. */
function iconHtml(tone: Tone): string {
  return `<svg class="icon tone-${tone}" aria-hidden="true" focusable="false"><use href="#i-${tone}"></use></svg>`;
}

const entriesByModel = new WeakMap<ReadModel, Map<Language, MunicipalityEntry[]>>();

/** Every municipality as an entry, in alphabetical order as people look them up. */
export function municipalityEntries(model: ReadModel, lang: Language): MunicipalityEntry[] {
  let byLanguage = entriesByModel.get(model);
  if (!byLanguage) {
    byLanguage = new Map();
    entriesByModel.set(model, byLanguage);
  }
  const cached = byLanguage.get(lang);
  if (cached) return cached;
  const t = messages(lang);
  const entries = [...model.municipalities]
    .sort((a, b) => compareNames(a.name, b.name))
    .map((municipality): MunicipalityEntry => {
      const { indicator } = municipalityView(model, municipality);
      const tone = indicatorTone(indicator);
      const state = t.municipalities.state[indicator.description];
      const aliases = municipality.aliases ?? [];
      const html = [
        '<li class="municipality-entry">',
        `<span class="municipality-entry__name"><a class="nl-link" href="${paths.municipality(lang, municipality.id)}">${escapeHtml(municipality.name)}</a> <span class="code">(${escapeHtml(municipality.id)})</span></span>`,
        aliases.length > 0 ? ` <span class="municipality-entry__aliases">(${escapeHtml(t.municipalities.alsoKnownAs)}: ${escapeHtml(aliases.join(', '))})</span>` : '',
        ` <span class="municipality-entry__state">${iconHtml(tone)} <span class="visually-hidden">${escapeHtml(t.component.status)}: </span>${escapeHtml(state)}</span>`,
        '</li>',
      ].join('');
      return { municipality, aliases, tone, state, terms: searchTerms(municipality), html };
    });
  byLanguage.set(lang, entries);
  return entries;
}

/** The alphabetical index: every municipality under its letter, and every other name under its own. */
export function letterGroups(model: ReadModel, lang: Language): LetterGroup[] {
  const t = messages(lang);
  const groups = new Map<string, LetterGroup['items']>();
  const add = (name: string, html: string) => {
    const letter = indexLetter(name);
    const items = groups.get(letter) ?? [];
    items.push({ sortName: name, html });
    groups.set(letter, items);
  };
  for (const entry of municipalityEntries(model, lang)) {
    add(entry.municipality.name, entry.html);
    for (const alias of entry.aliases) {
      add(
        alias,
        `<li class="municipality-entry municipality-entry--reference">${escapeHtml(alias)}: ${escapeHtml(t.municipalities.seeAlso)} <a class="nl-link" href="${paths.municipality(lang, entry.municipality.id)}">${escapeHtml(entry.municipality.name)}</a></li>`,
      );
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '#' ? 1 : b === '#' ? -1 : a.localeCompare(b, 'nl')))
    .map(([letter, items]) => ({ letter, items: items.sort((a, b) => compareNames(a.sortName, b.sortName)) }));
}

/** The id of a letter's section on the index, e.g. "letter-g". */
export function letterAnchor(letter: string): string {
  return letter === '#' ? 'letter-cijfer' : `letter-${letter.toLowerCase()}`;
}

/** Markers around the part of the search page that the public server replaces with its answer. */
export const SEARCH_RESULTS_START = '<!--helder:search-results-->';
export const SEARCH_RESULTS_END = '<!--/helder:search-results-->';
/** The query input of the search form, exactly as written; the server fills in the value. */
export const SEARCH_INPUT_VALUE = 'name="q" value=""';
export const RESULTS_HEADING_ID = 'zoekresultaten';

/**
 * The GET search form. Built as a string so the input's markup is exactly SEARCH_INPUT_VALUE,
 * which the public server fills in when it answers a search.
 */
export function searchFormHtml(lang: Language): string {
  const t = messages(lang);
  return [
    `<form class="search-form" method="get" action="${paths.municipalitySearch(lang)}" role="search" aria-label="${escapeHtml(t.municipalities.searchHeading)}">`,
    `<label class="search-form__label" for="gemeente-zoeken">${escapeHtml(t.municipalities.searchLabel)}</label>`,
    `<p class="search-form__hint" id="gemeente-zoeken-uitleg">${escapeHtml(t.municipalities.searchHint)}</p>`,
    '<div class="search-form__row">',
    `<input class="search-form__input" type="search" id="gemeente-zoeken" ${SEARCH_INPUT_VALUE} maxlength="100" autocomplete="off" spellcheck="false" aria-describedby="gemeente-zoeken-uitleg">`,
    `<button class="search-form__button" type="submit">${escapeHtml(t.municipalities.searchButton)}</button>`,
    '</div>',
    '</form>',
  ].join('');
}

/**
 * What the public server needs to answer a search without templates: the entries with their
 * search keys and markup, and the surrounding markup with {heading}, {items}, {query} and
 * {count} to fill in (the query HTML-escaped by the server). Versioned so an older server
 * can tell a format it does not know and leave the static page to answer.
 */
export interface MunicipalitySearchIndex {
  version: 1;
  lang: Language;
  entries: Array<{ name: string; terms: string[]; html: string }>;
  markup: {
    results: string;
    none: string;
    foundOne: string;
    foundMany: string;
    noneHeading: string;
  };
}

export function municipalitySearchIndex(model: ReadModel, lang: Language): MunicipalitySearchIndex {
  const t = messages(lang);
  const heading = `<h2 class="nl-heading nl-heading--level-2" id="${RESULTS_HEADING_ID}">{heading}</h2>`;
  return {
    version: 1,
    lang,
    entries: municipalityEntries(model, lang).map((entry) => ({ name: entry.municipality.name, terms: entry.terms, html: entry.html })),
    markup: {
      results: `${heading}<ul class="municipality-entries" aria-labelledby="${RESULTS_HEADING_ID}">{items}</ul>`,
      none: `${heading}<p class="nl-paragraph">${escapeHtml(t.search.noneHelp)}</p><p class="nl-paragraph"><a class="nl-link" href="${paths.municipalities(lang)}">${escapeHtml(t.search.listLink)}</a></p>`,
      foundOne: escapeHtml(t.search.foundOne),
      foundMany: escapeHtml(t.search.foundMany),
      noneHeading: escapeHtml(t.search.none),
    },
  };
}
