import type { HelperOptions } from 'handlebars';
import { amsterdamDay, TIME_ZONE, type Language } from '../domain/index.ts';
import { amsterdamZoneName, formatDateTime, formatDuration } from '../i18n/index.ts';

/**
 * The only helpers templates may call (besides the built-in if, unless, each and with). They
 * format; they never decide. The render language comes from the data frame (`@lang`), so a
 * template cannot ask for another language than the one being rendered.
 */

const locales: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };
const dateFormats = new Map<Language, Intl.DateTimeFormat>();
const timeFormats = new Map<Language, Intl.DateTimeFormat>();

function cached<T>(cache: Map<Language, T>, lang: Language, make: () => T): T {
  let value = cache.get(lang);
  if (value === undefined) {
    value = make();
    cache.set(lang, value);
  }
  return value;
}

/** "vrijdag 29 maart 2019" / "Friday, 29 March 2019". */
export function formatDate(instant: Date, lang: Language): string {
  return cached(dateFormats, lang, () => new Intl.DateTimeFormat(locales[lang], { dateStyle: 'full', timeZone: TIME_ZONE })).format(instant);
}

/** "14:05", 24-hour clock in both languages; English names the zone: "14:05 CET". */
export function formatTime(instant: Date, lang: Language): string {
  return `${clockTime(instant, lang)}${lang === 'en' ? ` ${amsterdamZoneName(instant)}` : ''}`;
}

function clockTime(instant: Date, lang: Language): string {
  return cached(timeFormats, lang, () => new Intl.DateTimeFormat(locales[lang], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE })).format(instant);
}

const LIST_AND: Record<Language, string> = { nl: ' en ', en: ' and ' };

/** "Amsterdam, Rotterdam en Utrecht" / "Amsterdam, Rotterdam and Utrecht" (what Intl.ListFormat says, without its cost per call). */
export function formatList(items: readonly string[], lang: Language): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')}${LIST_AND[lang]}${items[items.length - 1]}`;
}

const PERIOD_WORDS: Record<Language, { on: string; from: string; to: string; at: string }> = {
  nl: { on: 'op', from: 'van', to: 'tot', at: 'om' },
  en: { on: 'on', from: 'from', to: 'to', at: 'at' },
};

/**
 * A time window as one phrase: "op vrijdag 4 december 2026 van 18:00 tot 22:00", or across
 * midnight "van vrijdag 4 december 2026 om 22:00 tot zaterdag 5 december 2026 om 02:00".
 */
export function formatPeriod(start: Date, end: Date, lang: Language): string {
  const words = PERIOD_WORDS[lang];
  if (amsterdamDay(start) === amsterdamDay(end)) {
    return `${words.on} ${formatDate(start, lang)} ${words.from} ${clockTime(start, lang)} ${words.to} ${formatTime(end, lang)}`;
  }
  return `${words.from} ${formatDate(start, lang)} ${words.at} ${formatTime(start, lang)} ${words.to} ${formatDate(end, lang)} ${words.at} ${formatTime(end, lang)}`;
}

/** How a helper may be used; the template check reads this to give precise errors. */
export interface HelperSpec {
  /** The kind of each parameter: shapes the check compares against. */
  params: ReadonlyArray<'datetime' | 'duration' | 'list' | 'countable' | 'string-literal' | 'any'>;
  /** `boolean` results may only be used inside `{{#if (…)}}`. */
  returns: 'text' | 'number' | 'boolean';
  example: string;
}

export const HELPER_SPECS = {
  datetime: { params: ['datetime'], returns: 'text', example: '{{datetime started_at}} → "vrijdag 29 maart 2019 om 14:05"' },
  date: { params: ['datetime'], returns: 'text', example: '{{date scheduled_for}} → "vrijdag 29 maart 2019"' },
  time: { params: ['datetime'], returns: 'text', example: '{{time next_update_at}} → "14:05"' },
  duration: { params: ['duration'], returns: 'text', example: '{{duration expected_downtime}} → "1 uur en 30 minuten"' },
  duration_between: { params: ['datetime', 'datetime'], returns: 'text', example: '{{duration_between started_at resolved_at}} → "2 uur en 7 minuten"' },
  period: { params: ['datetime', 'datetime'], returns: 'text', example: '{{period scheduled_for scheduled_until}} → "op vrijdag 4 december 2026 van 18:00 tot 22:00"' },
  list: { params: ['list'], returns: 'text', example: '{{list affected_municipalities}} → "Amsterdam, Rotterdam en Utrecht"' },
  count: { params: ['list'], returns: 'number', example: '{{count affected_municipalities}} → "3"' },
  plural: { params: ['countable', 'string-literal', 'string-literal'], returns: 'text', example: '{{plural affected_municipalities "gemeente" "gemeenten"}}' },
  eq: { params: ['any', 'any'], returns: 'boolean', example: '{{#if (eq impact "critical")}}…{{/if}}' },
} as const satisfies Record<string, HelperSpec>;
export type HelperName = keyof typeof HELPER_SPECS;
export const HELPER_NAMES = Object.keys(HELPER_SPECS) as HelperName[];
export const BUILT_IN_BLOCK_HELPERS = ['if', 'unless', 'each', 'with'] as const;

function languageOf(options: HelperOptions): Language {
  const lang = (options.data as { lang?: unknown } | undefined)?.lang;
  if (lang !== 'nl' && lang !== 'en') throw new Error('helpers need @lang in the data frame');
  return lang;
}

function instantOf(value: unknown, helper: string): Date {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  throw new Error(`{{${helper}}} needs a datetime value`);
}

function itemName(item: unknown): string {
  if (typeof item === 'string') return item;
  if (item && typeof item === 'object' && Object.hasOwn(item, 'name')) return String((item as { name: unknown }).name);
  throw new Error('{{list}} needs a list of names or of items with a name');
}

function countOf(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'number') return value;
  return 0;
}

/** Helper functions by name; the last argument Handlebars passes is always the options object. */
export const HELPERS: Record<HelperName, (...args: never[]) => unknown> = {
  datetime: (value: unknown, options: HelperOptions) => formatDateTime(instantOf(value, 'datetime'), languageOf(options)),
  date: (value: unknown, options: HelperOptions) => formatDate(instantOf(value, 'date'), languageOf(options)),
  time: (value: unknown, options: HelperOptions) => formatTime(instantOf(value, 'time'), languageOf(options)),
  duration: (value: unknown, options: HelperOptions) => {
    if (typeof value !== 'number') throw new Error('{{duration}} needs a duration in minutes');
    return formatDuration(value * 60_000, languageOf(options));
  },
  duration_between: (from: unknown, to: unknown, options: HelperOptions) =>
    formatDuration(Math.max(0, instantOf(to, 'duration_between').getTime() - instantOf(from, 'duration_between').getTime()), languageOf(options)),
  period: (start: unknown, end: unknown, options: HelperOptions) => formatPeriod(instantOf(start, 'period'), instantOf(end, 'period'), languageOf(options)),
  list: (items: unknown, options: HelperOptions) => (Array.isArray(items) ? formatList(items.map(itemName), languageOf(options)) : ''),
  count: (items: unknown) => countOf(items),
  plural: (value: unknown, one: unknown, many: unknown) => (countOf(value) === 1 ? String(one) : String(many)),
  eq: (left: unknown, right: unknown) => left === right,
};
