/**
 * Calendar days in Europe/Amsterdam. Times are stored in UTC; everything a person reads (days in
 * uptime bars, "today", dates in feeds and mail) follows the Dutch wall clock, including the
 * 23-hour and 25-hour days of the DST switches.
 */

export const TIME_ZONE = 'Europe/Amsterdam';

const partsFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: Date): WallClock {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts as unknown as WallClock;
}

/** Offset of Amsterdam's wall clock from UTC at `instant`, in milliseconds (+1 h or +2 h). */
export function amsterdamOffsetMs(instant: Date): number {
  const wall = wallClock(instant);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The Amsterdam calendar day of an instant, as "YYYY-MM-DD". */
export function amsterdamDay(instant: Date): string {
  const wall = wallClock(instant);
  return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

/** The instant Amsterdam's day "YYYY-MM-DD" begins (midnight never falls in a DST gap there). */
export function startOfAmsterdamDay(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const midnightAsUtc = Date.UTC(year, month - 1, date);
  // The offset at the guess is the offset at midnight: DST switches happen at 02:00/03:00.
  return new Date(midnightAsUtc - amsterdamOffsetMs(new Date(midnightAsUtc)));
}

/** The day after "YYYY-MM-DD" (pure calendar arithmetic). */
export function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/** The `count` Amsterdam days ending with the day of `now`, oldest first. */
export function lastAmsterdamDays(now: Date, count: number): string[] {
  const today = amsterdamDay(now);
  const [year, month, date] = today.split('-').map(Number) as [number, number, number];
  const days: string[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    days.push(new Date(Date.UTC(year, month - 1, date - back)).toISOString().slice(0, 10));
  }
  return days;
}

/** "YYYY-MM" of the Amsterdam month an instant falls in. */
export function amsterdamMonth(instant: Date): string {
  return amsterdamDay(instant).slice(0, 7);
}
