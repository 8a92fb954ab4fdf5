import { startOfAmsterdamDay, TIME_ZONE, type Language } from '../domain/index.ts';

/**
 * Dates, durations and numbers as people read them: always on the Amsterdam wall clock, whatever
 * the build machine's time zone is, e.g. "vrijdag 27 november 2026 om 09:12".
 */
const locales: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

function cached<T>(factory: (lang: Language) => T): (lang: Language) => T {
  const made = new Map<Language, T>();
  return (lang) => {
    let value = made.get(lang);
    if (value === undefined) {
      value = factory(lang);
      made.set(lang, value);
    }
    return value;
  };
}

const dateTimeFormat = cached((lang) => new Intl.DateTimeFormat(locales[lang], { dateStyle: 'full', timeStyle: 'short', timeZone: TIME_ZONE }));
const shortDateTimeFormat = cached(
  (lang) => new Intl.DateTimeFormat(locales[lang], { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }),
);
const dateFormat = cached((lang) => new Intl.DateTimeFormat(locales[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE }));
const monthFormat = cached((lang) => new Intl.DateTimeFormat(locales[lang], { month: 'long', year: 'numeric', timeZone: TIME_ZONE }));
const durationFormat = cached((lang) => new Intl.DurationFormat(locales[lang], { style: 'long' }));
const percentFormat = cached((lang) => new Intl.NumberFormat(locales[lang], { style: 'percent', maximumFractionDigits: 2 }));

const zoneFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, timeZoneName: 'short' });

/** "CET" or "CEST": the Amsterdam zone at `instant`, as English readers abroad need it next to a time. */
export function amsterdamZoneName(instant: Date): string {
  return zoneFormat.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? 'CET';
}

/** Dutch readers live on the Amsterdam clock; an English reader may not, so English times name the zone. */
function withZone(text: string, instant: Date, lang: Language): string {
  return lang === 'en' ? `${text} ${amsterdamZoneName(instant)}` : text;
}

/** "vrijdag 27 november 2026 om 09:12" / "Friday, 27 November 2026 at 09:12 CET". */
export function formatDateTime(instant: Date, lang: Language): string {
  return withZone(dateTimeFormat(lang).format(instant), instant, lang);
}

/** "27 november 2026 om 09:12": for lists where the weekday adds noise. */
export function formatShortDateTime(instant: Date, lang: Language): string {
  return withZone(shortDateTimeFormat(lang).format(instant), instant, lang);
}

/**
 * Strings already formatted, per language and input. Uptime tables and history pages format the
 * same few hundred days, months and durations thousands of times in one build, and Intl's
 * formatRange and DurationFormat are slow per call.
 */
function memoized<A extends string | number>(format: (value: A, lang: Language) => string): (value: A, lang: Language) => string {
  const made = new Map<string, string>();
  return (value, lang) => {
    const key = `${lang}|${value}`;
    let text = made.get(key);
    if (text === undefined) {
      text = format(value, lang);
      // A bound on memory for a long-running process; a build never gets near it.
      if (made.size >= 50_000) made.clear();
      made.set(key, text);
    }
    return text;
  };
}

/** An Amsterdam calendar day ("2026-11-27") as "27 november 2026". */
export const formatDay: (day: string, lang: Language) => string = memoized((day: string, lang) => dateFormat(lang).format(middayOf(day)));

const formatDayPair = memoized((pair: string, lang) => {
  const [firstDay, lastDay] = pair.split('/') as [string, string];
  return dateFormat(lang).formatRange(middayOf(firstDay), middayOf(lastDay));
});

/** Two Amsterdam days as one range, e.g. "29 augustus – 2 oktober 2026". */
export function formatDayRange(firstDay: string, lastDay: string, lang: Language): string {
  if (firstDay === lastDay) return formatDay(firstDay, lang);
  return formatDayPair(`${firstDay}/${lastDay}`, lang);
}

/** A month key ("2026-11") as "november 2026". */
export const formatMonth: (month: string, lang: Language) => string = memoized((month: string, lang) => monthFormat(lang).format(middayOf(`${month}-15`)));

/** "november 2026" → "November 2026", for headings. */
export function capitalizeFirst(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** Whole minutes as "2 uur en 5 minuten"; under a minute counts as one minute. */
export function formatDuration(milliseconds: number, lang: Language): string {
  return formatMinutes(Math.max(1, Math.round(milliseconds / 60_000)), lang);
}

const formatMinutes = memoized((totalMinutes: number, lang) => {
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  return durationFormat(lang).format({ days, hours, minutes });
});

/**
 * A duration in the largest unit that makes sense, for a reader under pressure: "25 minuten",
 * "3 uur", "5 dagen" rather than "7596 minuten". Rounded down: "1 dag" until the second day is full.
 */
export function formatRoughDuration(totalMinutes: number, lang: Language): string {
  const minutes = Math.max(1, Math.floor(totalMinutes));
  if (minutes < 60) return durationFormat(lang).format({ minutes });
  if (minutes < 48 * 60) return durationFormat(lang).format({ hours: Math.floor(minutes / 60) });
  return durationFormat(lang).format({ days: Math.floor(minutes / 1440) });
}

/**
 * Uptime as a percentage, rounded down so a day with a short outage never reads "100%".
 */
export function formatUptime(share: number, lang: Language): string {
  return percentFormat(lang).format(Math.floor(share * 10_000) / 10_000);
}

/** The machine-readable form for `<time datetime>`. */
export function isoInstant(instant: Date): string {
  return instant.toISOString().replace(/\.000Z$/, 'Z');
}

// Noon avoids any DST edge when a calendar day is turned back into an instant for formatting.
function middayOf(day: string): Date {
  return new Date(startOfAmsterdamDay(day).getTime() + 12 * 3_600_000);
}
