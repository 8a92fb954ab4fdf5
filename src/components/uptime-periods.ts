import type { ComponentStatus, DayUptime } from '../domain/index.ts';

/** A run of days shown as one row in an uptime table: undisturbed days merge, others stand alone. */
export interface UptimePeriod {
  firstDay: string;
  lastDay: string;
  uptime: number;
  worst: ComponentStatus;
  downtimeMinutes: number;
  /** A disruption on this (single) day is still going on: its availability is not known yet. */
  ongoing: boolean;
}

/**
 * The text alternative of a 90-day uptime bar, newest first. Ninety identical "100%" rows would
 * bury the days that matter, so consecutive days without any disruption become one period.
 */
export function uptimePeriods(days: readonly DayUptime[]): UptimePeriod[] {
  const periods: UptimePeriod[] = [];
  for (const day of days) {
    const quiet = isUndisturbed(day);
    const previous = periods.at(-1);
    if (quiet && previous && previous.worst === 'operational' && previous.uptime === 1 && previous.downtimeMinutes === 0) {
      previous.lastDay = day.day;
      continue;
    }
    periods.push({ firstDay: day.day, lastDay: day.day, uptime: quiet ? 1 : day.uptime, worst: day.worst, downtimeMinutes: day.downtimeMinutes, ongoing: day.ongoing });
  }
  return periods.reverse();
}

function isUndisturbed(day: DayUptime): boolean {
  return day.worst === 'operational' && day.downtimeMinutes === 0 && day.uptime >= 1 && !day.ongoing;
}

/** The bar segment's look for a day: 0 = undisturbed … 3 = major outage. */
export function uptimeLevel(day: DayUptime): 0 | 1 | 2 | 3 {
  switch (day.worst) {
    case 'major_outage':
      return 3;
    case 'partial_outage':
      return 2;
    case 'degraded_performance':
      return 1;
    default:
      return day.downtimeMinutes > 0 ? 2 : 0;
  }
}
