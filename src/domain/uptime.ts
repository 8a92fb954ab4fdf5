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
  /** Share of the day's elapsed time the product was up, 0..1. */
  uptime: number;
  /** Weighted downtime in minutes. */
  downtimeMinutes: number;
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
 * are not added up: at any moment the worst weight applies. Today counts only the elapsed part;
 * a still-open incident counts until `now`.
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
  const windows: WeightedWindow[] = [];
  for (const window of statusWindows) {
    const end = Math.min(window.end?.getTime() ?? nowMs, nowMs);
    // Windows that end before the first day cannot touch any day; skipping them changes nothing.
    if (end <= calendar.periodStart) continue;
    windows.push({ start: window.start.getTime(), end, weight: DOWNTIME_WEIGHT[window.status], status: window.status, incidentId: window.incidentId });
  }
  return calendar.days.map(({ day, dayStart, dayEnd }) => {
    const touching = windows.filter((window) => window.start < dayEnd && window.end > dayStart);
    if (touching.length === 0) {
      return { day, uptime: 1, downtimeMinutes: 0, worst: worstComponentStatus([]), incidentIds: [] };
    }
    const downtimeMs = weightedDowntime(touching, dayStart, dayEnd);
    const elapsed = Math.max(dayEnd - dayStart, 0);
    return {
      day,
      uptime: elapsed === 0 ? 1 : 1 - downtimeMs / elapsed,
      downtimeMinutes: Math.round(downtimeMs / 60_000),
      worst: worstComponentStatus(touching.map((window) => window.status)),
      incidentIds: [...new Set(touching.map((window) => window.incidentId))],
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
    dayEnd: Math.min(startOfAmsterdamDay(nextDay(day)).getTime(), now.getTime()),
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

/** Overall uptime across days, weighting each day by its elapsed length. */
export function overallUptime(days: readonly DayUptime[], now: Date): number {
  let up = 0;
  let total = 0;
  for (const day of days) {
    const start = startOfAmsterdamDay(day.day).getTime();
    const length = Math.max(Math.min(startOfAmsterdamDay(nextDay(day.day)).getTime(), now.getTime()) - start, 0);
    up += day.uptime * length;
    total += length;
  }
  return total === 0 ? 1 : up / total;
}
