import type { DrillFinding } from '../../../domain/drill-report.ts';
import { localize, TIME_ZONE, type Language, type LocalizedText, type Municipality } from '../../../domain/index.ts';
import { drillMessages } from '../../../i18n/drill-messages.ts';

const clocks = new Map<Language, Intl.DateTimeFormat>();

/** "10:05:30" on the Amsterdam clock: a drill's steps are minutes apart, so seconds matter. */
export function clockTime(instant: Date, lang: Language): string {
  let format = clocks.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    clocks.set(lang, format);
  }
  return format.format(instant);
}

export function textIn(value: LocalizedText, lang: Language): string {
  return localize(value, lang).text;
}

/** One sentence per finding, with municipality names and Amsterdam times. */
export function findingSentence(finding: DrillFinding, lang: Language, municipalities: readonly Municipality[]): string {
  const names = new Map(municipalities.map((municipality) => [municipality.id, municipality.name]));
  return drillMessages(lang).finding(finding, {
    names: (ids) => ids.map((id) => names.get(id) ?? id).join(', '),
    at: (instant) => clockTime(instant, lang).slice(0, 5),
    reason: (text) => textIn(text, lang),
  });
}
