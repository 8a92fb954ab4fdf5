import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { amsterdamDay, amsterdamOffsetMs, chronologicalUpdates, deriveIncidentTimes, startOfAmsterdamDay, type ContentSet } from '../domain/index.ts';
import { loadContent } from './load-content.ts';

const DAY_MS = 86_400_000;
/** Every instant in the content files is written like this (YAML timestamps in UTC). */
const INSTANT = /\b(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z\b/g;

/** How many days each kind of demo record moves, so the demo reads as if it happens now. */
export interface DemoShift {
  /** Incidents and past maintenance: the ongoing incident began today (or yesterday when started before it). */
  days: number;
  /** Upcoming maintenance: whole weeks, so "zaterdag" stays a Saturday; lands within the next two weeks. */
  upcomingMaintenanceDays: number;
  /**
   * Ongoing incidents only: milliseconds moved back on top of `days`, when a start earlier in the
   * day than the incident's newest update would otherwise put that update in the future. Its
   * newest update then lies a quarter of an hour before the start (never before midnight), so a
   * fresh start at any time of day shows an incident updated today. 0 when not needed.
   */
  ongoingMs: number;
  /** The ongoing incident's promised next update, moved ahead when the shift left it in the past. */
  nextUpdateAt: Date | null;
}

/** How long before the first start the ongoing incident was last updated, when it is pulled back. */
const UPDATED_BEFORE_START_MS = 15 * 60_000;

/** `instant` moved by whole days on the Amsterdam wall clock: 09:05 stays 09:05 across a DST switch. */
export function shiftByAmsterdamDays(instant: Date, days: number): Date {
  const wall = instant.getTime() + amsterdamOffsetMs(instant) + days * DAY_MS;
  const guess = wall - amsterdamOffsetMs(new Date(wall - amsterdamOffsetMs(instant)));
  return new Date(wall - amsterdamOffsetMs(new Date(guess)));
}

function daysBetween(fromDay: string, toDay: string): number {
  return Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY_MS);
}

/**
 * The shift that puts the demo's newest ongoing incident on today's date (same wall-clock times).
 * A start earlier in the day than its newest update pulls the ongoing incident back by the time
 * between (`ongoingMs`), so it is still updated today and never in the future. Content without
 * an ongoing incident is anchored on its newest update, yesterday when today it would lie ahead.
 */
export function planDemoShift(content: ContentSet, now: Date): DemoShift {
  const ongoing = content.incidents
    .filter((incident) => deriveIncidentTimes(incident).status !== 'resolved')
    .sort((a, b) => deriveIncidentTimes(b).startedAt.getTime() - deriveIncidentTimes(a).startedAt.getTime())[0];
  const anchorUpdates = ongoing ? chronologicalUpdates(ongoing.updates) : [];
  const newest = content.incidents.flatMap((incident) => incident.updates.map((update) => update.at)).sort((a, b) => b.getTime() - a.getTime())[0];
  const anchor = anchorUpdates.at(-1)?.at ?? newest ?? now;
  let days = daysBetween(amsterdamDay(anchor), amsterdamDay(now));
  let ongoingMs = 0;
  const shiftedAnchor = shiftByAmsterdamDays(anchor, days);
  if (shiftedAnchor.getTime() > now.getTime()) {
    if (ongoing) {
      const target = Math.max(startOfAmsterdamDay(amsterdamDay(now)).getTime(), now.getTime() - UPDATED_BEFORE_START_MS);
      ongoingMs = target - shiftedAnchor.getTime();
    } else days -= 1;
  }
  const upcomingMaintenanceDays = Math.floor(days / 7) * 7;
  let nextUpdateAt: Date | null = null;
  const promised = anchorUpdates.at(-1)?.next_update_at;
  if (promised) {
    const shifted = new Date(shiftByAmsterdamDays(promised, days).getTime() + ongoingMs);
    // A promise already broken at the first start would greet the newcomer with an overdue warning.
    nextUpdateAt = shifted.getTime() > now.getTime() ? shifted : new Date(Math.ceil((now.getTime() + 20 * 60_000) / (15 * 60_000)) * 15 * 60_000);
  }
  return { days, upcomingMaintenanceDays, ongoingMs, nextUpdateAt };
}

const MONTHS = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
} as const;
const WEEKDAYS = {
  nl: ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
} as const;
const WRITTEN_DATE = new RegExp(
  `\\b(?:(${[...WEEKDAYS.nl, ...WEEKDAYS.en].join('|')}) )?(\\d{1,2}) (${[...MONTHS.nl, ...MONTHS.en].join('|')})(?: (\\d{4}))?\\b`,
  'g',
);

/**
 * Dates written out in the texts ("zaterdag 12 december", "Thursday 8 October 2026") moved by the
 * same number of days as the record's timestamps, with the weekday recomputed, so the words agree
 * with the dates the page shows. `year` is the record's year, for dates written without one.
 */
export function shiftWrittenDates(text: string, days: number, year: number): string {
  if (days === 0) return text;
  return text.replace(WRITTEN_DATE, (whole, weekday: string | undefined, day: string, month: string, writtenYear: string | undefined) => {
    const language = (MONTHS.nl as readonly string[]).includes(month) ? 'nl' : 'en';
    const monthIndex = (MONTHS[language] as readonly string[]).indexOf(month);
    const date = new Date(Date.UTC(writtenYear ? Number(writtenYear) : year, monthIndex, Number(day) + days));
    if (Number.isNaN(date.getTime())) return whole;
    const weekdayWords = weekday ? `${WEEKDAYS[(WEEKDAYS.nl as readonly string[]).includes(weekday) ? 'nl' : 'en'][date.getUTCDay()]} ` : '';
    return `${weekdayWords}${date.getUTCDate()} ${MONTHS[language][date.getUTCMonth()]}${writtenYear ? ` ${date.getUTCFullYear()}` : ''}`;
  });
}

/** Every timestamp in a content file moved by `ms` exactly, written back in the same form. */
export function shiftInstantsBy(text: string, ms: number): string {
  if (ms === 0) return text;
  return text.replace(INSTANT, (whole) => new Date(new Date(whole).getTime() + ms).toISOString().replace('.000Z', 'Z'));
}

/**
 * Clock times written in the texts ("Sinds 09:05 uur") moved by `ms`, so the words agree with
 * the timestamps of an incident pulled back. Timestamps themselves (T08:12:00Z) are left alone.
 */
export function shiftWrittenTimes(text: string, ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes === 0) return text;
  return text.replace(/(?<![\d:T.-])([01]?\d|2[0-3]):([0-5]\d)(?![:\d])/g, (_whole, hours: string, mins: string) => {
    const total = (((Number(hours) * 60 + Number(mins) + minutes) % 1440) + 1440) % 1440;
    return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  });
}

/** Every timestamp in a content file moved by `days` on the wall clock, written back in the same form. */
export function shiftInstants(text: string, days: number): string {
  return text.replace(INSTANT, (whole) => shiftByAmsterdamDays(new Date(whole), days).toISOString().replace('.000Z', 'Z'));
}

function renamedForShift(name: string, days: number): string {
  const dated = /^(\d{4}-\d{2}-\d{2})(-.*)$/.exec(name);
  if (!dated) return name;
  const day = new Date(Date.parse(`${dated[1]}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
  return `${day}${dated[2]}`;
}

/**
 * Makes `targetDir` a copy of the demo content in `sourceDir` with every date moved so the demo is
 * current at `now`: the national incident began this morning and its next update is still ahead,
 * history covers the 90 days before, the planned maintenance comes within two weeks. File names
 * that start with a date move with it. Written beside the target and renamed into place, so an
 * interrupted first start leaves no half copy. The source is only read.
 */
export function writeRebasedDemoContent(sourceDir: string, targetDir: string, now: Date): DemoShift {
  const content = loadContent(sourceDir);
  const shift = planDemoShift(content, now);
  const ongoingIds = new Set(content.incidents.filter((incident) => deriveIncidentTimes(incident).status !== 'resolved').map((incident) => incident.id));
  const upcomingIds = new Set(content.maintenances.filter((maintenance) => shiftByAmsterdamDays(maintenance.scheduled_for, shift.days).getTime() > now.getTime()).map((maintenance) => maintenance.id));
  const temporary = join(dirname(targetDir), `.${Date.now()}-demo-content.tmp`);
  mkdirSync(dirname(targetDir), { recursive: true });
  cpSync(sourceDir, temporary, { recursive: true });
  for (const folder of ['incidents', 'maintenance'] as const) {
    const path = join(temporary, folder);
    if (!existsSync(path)) continue;
    for (const name of readdirSync(path).filter((entry) => entry.endsWith('.md'))) {
      const id = name.slice(0, -3);
      const days = folder === 'maintenance' && upcomingIds.has(id) ? shift.upcomingMaintenanceDays : shift.days;
      const year = Number(name.slice(0, 4)) || now.getUTCFullYear();
      let text = shiftWrittenDates(shiftInstants(readFileSync(join(path, name), 'utf8'), days), days, year);
      if (folder === 'incidents' && ongoingIds.has(id)) {
        text = shiftWrittenTimes(shiftInstantsBy(text, shift.ongoingMs), shift.ongoingMs);
        if (shift.nextUpdateAt) text = promiseNextUpdate(text, shift.nextUpdateAt);
      }
      rmSync(join(path, name));
      writeFileSync(join(path, renamedForShift(name, days)), text);
    }
  }
  renameSync(temporary, targetDir);
  return shift;
}

/** The last `next_update_at:` of the file (the newest update's promise) set to `at`. */
function promiseNextUpdate(text: string, at: Date): string {
  const lines = text.split('\n');
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const match = /^(\s*next_update_at:\s*)\S+/.exec(lines[index]!);
    if (match) {
      lines[index] = `${match[1]}${at.toISOString().replace('.000Z', 'Z')}`;
      break;
    }
  }
  return lines.join('\n');
}
