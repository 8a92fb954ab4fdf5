import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { MAX_QUERY_LENGTH, searchMunicipalities } from '../domain/municipality-search.ts';
import { paths } from '../site/urls.ts';
import type { RequestPath } from './request-path.ts';
import { inlineHashes, staticPagePolicy } from './security-headers.ts';

/**
 * The municipality search without JavaScript: the index page's GET form asks
 * /gemeenten/zoeken/?q=Den+Haag, and this answers with the published search page, its list
 * replaced by the matches. Everything it shows comes from the current build: the page itself and
 * the index.json the same build wrote (names, search keys, the entry markup and the sentences
 * around it), matched with the same pure function the build used for the keys. A static host
 * without this server serves the page as it is: every municipality with its other names.
 *
 * Anything unexpected (no query, an older or missing index, a page without the markers) falls
 * through to the static page: the search is an extra, the list is what must always work.
 */

type SafePath = Extract<RequestPath, { ok: true }>;

/** Must match src/components/municipality-entries.ts, which writes them into the page. */
const RESULTS_START = '<!--helder:search-results-->';
const RESULTS_END = '<!--/helder:search-results-->';
const INPUT_VALUE = 'name="q" value=""';

const SEARCH_PAGES = new Map((['nl', 'en'] as const).map((lang) => [paths.municipalitySearch(lang), lang]));

interface SearchIndex {
  version: 1;
  entries: Array<{ name: string; terms: string[]; html: string }>;
  markup: { results: string; none: string; foundOne: string; foundMany: string; noneHeading: string };
}

function isSearchIndex(value: unknown): value is SearchIndex {
  if (!value || typeof value !== 'object') return false;
  const index = value as Partial<SearchIndex>;
  const markup = index.markup as Record<string, unknown> | undefined;
  return (
    index.version === 1 &&
    Array.isArray(index.entries) &&
    index.entries.every((entry) => typeof entry?.name === 'string' && typeof entry.html === 'string' && Array.isArray(entry.terms) && entry.terms.every((term) => typeof term === 'string')) &&
    !!markup &&
    ['results', 'none', 'foundOne', 'foundMany', 'noneHeading'].every((key) => typeof markup[key] === 'string')
  );
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);

/** Fills {name} placeholders; a function replacement, so "$&" in a query stays literal. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(query|count|heading|items)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The query as it is shown back: one line, no control characters, at most MAX_QUERY_LENGTH. */
function shownQuery(query: string): string {
  return query
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .trim()
    .slice(0, MAX_QUERY_LENGTH);
}

/** Answers a search request; false when this request is not one (or cannot be answered here). */
export async function answerMunicipalitySearch(req: IncomingMessage, res: ServerResponse, path: SafePath, siteDir: string): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const pagePath = `/${path.segments.join('/')}/`;
  if (!path.trailingSlash || !SEARCH_PAGES.has(pagePath)) return false;
  const query = shownQuery(new URLSearchParams(path.rawQuery.replace(/^\?/, '')).get('q') ?? '');
  if (query === '') return false;

  const dir = join(siteDir, ...path.segments);
  let page: string;
  let index: unknown;
  try {
    const [pageText, indexText] = await Promise.all([readFile(join(dir, 'index.html'), 'utf8'), readFile(join(dir, 'index.json'), 'utf8')]);
    page = pageText;
    index = JSON.parse(indexText);
  } catch {
    return false;
  }
  const start = page.indexOf(RESULTS_START);
  const end = page.indexOf(RESULTS_END);
  if (!isSearchIndex(index) || start === -1 || end < start || !page.includes(INPUT_VALUE)) return false;

  const matches = searchMunicipalities(index.entries, query);
  const escaped = escapeHtml(query);
  const headingTemplate = matches.length === 0 ? index.markup.noneHeading : matches.length === 1 ? index.markup.foundOne : index.markup.foundMany;
  const heading = fill(headingTemplate, { query: escaped, count: String(matches.length) });
  const region =
    matches.length === 0
      ? fill(index.markup.none, { heading })
      : fill(index.markup.results, { heading, items: matches.map((entry) => entry.html).join('') });
  const html = (page.slice(0, start + RESULTS_START.length) + region + page.slice(end))
    .replace(INPUT_VALUE, () => `name="q" value="${escaped}"`)
    // The tab title says what the page now shows, so the result is clear before reading on.
    .replace(/<title>/, () => `<title>${heading} – `);

  const body = Buffer.from(html, 'utf8');
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  // An answer per query, made in microseconds: nothing worth caching, and nothing to index.
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Robots-Tag', 'noindex');
  res.setHeader('Content-Security-Policy', staticPagePolicy(inlineHashes(html)));
  res.setHeader('Content-Length', body.length);
  res.writeHead(200);
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
