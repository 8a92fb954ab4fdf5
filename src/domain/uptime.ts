import { lastAmsterdamDays, nextDay, startOfAmsterdamDay } from './amsterdam-time.ts';
import { incidentStatusWindows, type Incident, type StatusWindow } from './incident.ts';
import { worstComponentStatus, type ComponentStatus } from './vocabulary.ts';

/**
 * How much of a status counts as downtime. A major outage is down; a partial outage is half
 * down (some functions or some municipalities cannot work); degraded performance is slow but
 * usable, and planned maintenance is announced, so neither counts against uptime.
 */
export const DOWNTIME_WEIGHT: Record<ComponentStatus, number> = {
  operational: 0,
  degraded_performance: 0,
  under_maintenance: 0,
  partial_outage: 0.5,
  major_outage: 1,
};

export interface DayUptime {
  /** Amsterdam calendar day, "YYYY-MM-DD". */
  day: string;
  /** Share of the whole day the product was up, 0..1, counting only disruptions that are over. */
  uptime: number;
  /** Weighted downtime in minutes, of disruptions that are over. */
  downtimeMinutes: number;
  /**
   * A disruption that touches this day is still going on at `now` (only ever today): its
   * downtime today is not known yet, so it is not in `uptime` or `downtimeMinutes`.
   */
  ongoing: boolean;
  /** The worst incident status that touched the product that day. */
  worst: ComponentStatus;
  /** Ids of incidents that touched the product that day. */
  incidentIds: string[];
}

interface WeightedWindow {
  start: number;
  end: number;
  weight: number;
  status: ComponentStatus;
  incidentId: string;
}

/** A status window an incident imposed on one product, tagged with the incident. */
export interface IncidentStatusWindow extends StatusWindow {
  incidentId: string;
}

/**
 * Daily uptime of one product over the `days` Amsterdam days up to `now`. Overlapping incidents
 * are not added up: at any moment the worst weight applies. Every day counts as a whole day, and
 * a disruption still going on at `now` counts until the start of today: today's part of it is
 * marked `ongoing` instead of measured. That keeps every figure a function of the content and the
 * Amsterdam date, not of the minute of the build, so two builds of the same content on the same
 * day are byte-identical (the precondition for incremental publishing); the midnight rebuild
 * moves the measurement on.
 */
export function dailyUptime(componentId: string, incidents: readonly Incident[], now: Date, days = 90): DayUptime[] {
  const windows: IncidentStatusWindow[] = [];
  for (const incident of incidents) {
    for (const window of incidentStatusWindows(incident)) {
      if (window.componentId === componentId) windows.push({ ...window, incidentId: incident.id });
    }
  }
  return dailyUptimeOfWindows(windows, now, days);
}

/**
 * `dailyUptime` from one product's status windows, in incident order: the read model works out
 * every incident's windows once instead of once per product and per municipality.
 */
export function dailyUptimeOfWindows(statusWindows: readonly IncidentStatusWindow[], now: Date, days = 90): DayUptime[] {
  const calendar = uptimeCalendar(now, days);
  const nowMs = now.getTime();
  const todayStart = calendar.days.at(-1)?.dayStart ?? nowMs;
  const windows: WeightedWindow[] = [];
  const ongoing: WeightedWindow[] = [];
  for (const window of statusWindows) {
    const start = window.start.getTime();
    // Content dated after the build's moment is not public yet.
    if (start > nowMs) continue;
    const weighted = { start, weight: DOWNTIME_WEIGHT[window.status], status: window.status, incidentId: window.incidentId };
    const endMs = window.end?.getTime();
    if (endMs !== undefined && endMs <= nowMs) {
      // Windows that end before the first day cannot touch any day; skipping them changes nothing.
      if (endMs > calendar.periodStart) windows.push({ ...weighted, end: endMs });
      continue;
    }
    if (window.status !== 'operational') ongoing.push({ ...weighted, end: Number.POSITIVE_INFINITY });
    // Measured up to the start of today; today's part stays "ongoing".
    if (todayStart > start && todayStart > calendar.periodStart) windows.push({ ...weighted, end: todayStart });
  }
  return calendar.days.map(({ day, dayStart, dayEnd }) => {
    const touching = windows.filter((window) => window.start < dayEnd && window.end > dayStart);
    const isToday = dayStart === todayStart;
    const ongoingToday = isToday ? ongoing : [];
    if (touching.length === 0 && ongoingToday.length === 0) {
      return { day, uptime: 1, downtimeMinutes: 0, ongoing: false, worst: worstComponentStatus([]), incidentIds: [] };
    }
    const downtimeMs = weightedDowntime(touching, dayStart, dayEnd);
    const length = dayEnd - dayStart;
    const all = [...touching, ...ongoingToday];
    return {
      day,
      uptime: 1 - downtimeMs / length,
      downtimeMinutes: Math.round(downtimeMs / 60_000),
      ongoing: ongoingToday.length > 0,
      worst: worstComponentStatus(all.map((window) => window.status)),
      incidentIds: [...new Set(all.map((window) => window.incidentId))],
    };
  });
}

interface UptimeCalendar {
  /** Start of the first day (ms). */
  periodStart: number;
  days: Array<{ day: string; dayStart: number; dayEnd: number }>;
}

let lastCalendar: { key: string; calendar: UptimeCalendar } | undefined;

/** The period's days and their bounds; the same for every product in a build, so kept once. */
function uptimeCalendar(now: Date, count: number): UptimeCalendar {
  const key = `${now.getTime()}/${count}`;
  if (lastCalendar?.key === key) return lastCalendar.calendar;
  const days = lastAmsterdamDays(now, count).map((day) => ({
    day,
    dayStart: startOfAmsterdamDay(day).getTime(),
    dayEnd: startOfAmsterdamDay(nextDay(day)).getTime(),
  }));
  const calendar = { periodStart: days[0]?.dayStart ?? now.getTime(), days };
  lastCalendar = { key, calendar };
  return calendar;
}

/** Integral over [from, to) of the highest weight active at each moment. */
function weightedDowntime(windows: readonly WeightedWindow[], from: number, to: number): number {
  const points = new Set<number>([from, to]);
  for (const window of windows) {
    if (window.start > from && window.start < to) points.add(window.start);
    if (window.end > from && window.end < to) points.add(window.end);
  }
  const sorted = [...points].sort((a, b) => a - b);
  let total = 0;
  for (let index = 0; index < sorted.length - 1; index += 1) {
    const segmentStart = sorted[index]!;
    const segmentEnd = sorted[index + 1]!;
    let weight = 0;
    for (const window of windows) {
      if (window.start <= segmentStart && window.end >= segmentEnd) weight = Math.max(weight, window.weight);
    }
    total += weight * (segmentEnd - segmentStart);
  }
  return total;
}

/** Overall uptime across days, weighting each day by its length (23, 24 or 25 hours). */
export function overallUptime(days: readonly DayUptime[]): number {
  let up = 0;
  let total = 0;
  for (const day of days) {
    const start = startOfAmsterdamDay(day.day).getTime();
    const length = startOfAmsterdamDay(nextDay(day.day)).getTime() - start;
    up += day.uptime * length;
    total += length;
  }
  return total === 0 ? 1 : up / total;
}
