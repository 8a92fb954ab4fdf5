import { amsterdamDay, localize, startOfAmsterdamDay, type PublicMaintenance } from '../domain/index.ts';
import { absoluteUrl, paths } from '../site/urls.ts';
import { maintenanceDates } from './feed-entries.ts';
import type { FeedSource } from './feed-source.ts';
import { FEED_WORDS, windowText } from './feed-text.ts';

/**
 * An iCalendar (RFC 5545) feed of maintenance, for subscribing from Outlook or Google Calendar.
 * Times are in UTC ("Z"), so no VTIMEZONE is needed; calendars show them in local time.
 */
export function renderIcal(source: FeedSource): string {
  const words = FEED_WORDS[source.lang];
  const host = new URL(source.site.url).host;
  const name = words.calendarName(source.title);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//${escapeText(source.site.vendor.name)}//Helder//${source.lang.toUpperCase()}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(name)}`,
    `X-WR-CALNAME:${escapeText(name)}`,
    `DESCRIPTION:${escapeText(words.calendarDescription)}`,
    `X-WR-CALDESC:${escapeText(words.calendarDescription)}`,
    `URL:${source.icalUrl}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...[...source.maintenances]
      .sort((a, b) => a.maintenance.scheduled_for.getTime() - b.maintenance.scheduled_for.getTime() || a.maintenance.id.localeCompare(b.maintenance.id))
      .flatMap((entry) => maintenanceEvent(source, entry, host)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

function maintenanceEvent(source: FeedSource, entry: PublicMaintenance, host: string): string[] {
  const { lang } = source;
  const words = FEED_WORDS[lang];
  const { maintenance } = entry;
  const link = absoluteUrl(source.site.url, paths.maintenance(lang, maintenance.id));
  const chronological = [...entry.updates].reverse();
  const latest = entry.updates[0];
  const description = [
    `${words.when}: ${windowText(words, maintenance.scheduled_for, maintenance.scheduled_until)}\n${words.status}: ${words.maintenanceStatus[entry.status]}`,
    localize(maintenance.description, lang).text,
    `${words.products}: ${entry.components.map((component) => component.name).join(', ')}`,
    latest ? `${words.latestUpdate} (${words.dateTime(latest.at)}): ${localize(latest.body, lang).text}` : '',
    `${words.moreInformation}: ${link}`,
  ].filter((part) => part !== '');
  const created = chronological[0]?.at;
  return [
    'BEGIN:VEVENT',
    // Stable across builds and languages, so calendars update the event instead of duplicating it.
    `UID:${maintenance.id}@${host}`,
    `DTSTAMP:${icalUtc(eventStamp(source, entry))}`,
    `DTSTART:${icalUtc(maintenance.scheduled_for)}`,
    `DTEND:${icalUtc(maintenance.scheduled_until)}`,
    ...(created ? [`CREATED:${icalUtc(created)}`] : []),
    ...(latest ? [`LAST-MODIFIED:${icalUtc(latest.at)}`] : []),
    // Each published update is a revision of the event.
    `SEQUENCE:${entry.updates.length}`,
    `SUMMARY:${escapeText(`${words.maintenance}: ${localize(maintenance.title, lang).text}`)}`,
    `DESCRIPTION:${escapeText(description.join('\n\n'))}`,
    `CATEGORIES:${escapeText(words.maintenance)}`,
    // Cancellation is not part of our model: every published maintenance is confirmed.
    'STATUS:CONFIRMED',
    // Maintenance is on the vendor's calendar, not a meeting that blocks the subscriber's time.
    'TRANSP:TRANSPARENT',
    `URL:${link}`,
    'END:VEVENT',
  ];
}

/**
 * DTSTAMP: the event's last published change, not the build's clock, so a rebuild of the same
 * content gives the same bytes. An event announced without any update has only its planned start,
 * which lies ahead: then the start of today (Amsterdam), which the daily rebuild moves on.
 */
function eventStamp(source: FeedSource, entry: PublicMaintenance): Date {
  const changed = maintenanceDates(source, entry).updated;
  return changed.getTime() <= source.generatedAt.getTime() ? changed : startOfAmsterdamDay(amsterdamDay(source.generatedAt));
}

/** "20261212T070000Z": RFC 5545 DATE-TIME in UTC form. */
export function icalUtc(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** RFC 5545 TEXT escaping: backslash, semicolon, comma and newlines; other controls are dropped. */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

const encoder = new TextEncoder();
const MAX_OCTETS = 75;

/**
 * Folds a content line to at most 75 octets per physical line (RFC 5545 §3.1): continuation
 * lines start with one space. Splits only between characters, never inside a UTF-8 sequence
 * (é and ë are two octets) nor inside a surrogate pair.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  // The first line holds 75 octets; continuation lines 74 after their leading space.
  let limit = MAX_OCTETS;
  for (const character of line) {
    const size = encoder.encode(character).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
