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

/** Offset from the time zone database itself, for an instant truncated to whole seconds. */
function offsetAtSecond(secondMs: number): number {
  const wall = wallClock(new Date(secondMs));
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - secondMs;
}

const HOUR_MS = 3_600_000;
/**
 * Offset per UTC hour, for hours whose first and last second share one offset (every hour
 * but the one holding a DST switch, which is never cached). formatToParts costs microseconds per call
 * and a 5,000-incident build asks for hundreds of thousands of offsets.
 */
const offsetByHour = new Map<number, number>();
const OFFSET_CACHE_LIMIT = 200_000;

/** Offset of Amsterdam's wall clock from UTC at `instant`, in milliseconds (+1 h or +2 h). */
export function amsterdamOffsetMs(instant: Date): number {
  const secondMs = Math.floor(instant.getTime() / 1000) * 1000;
  if (!Number.isFinite(secondMs)) return offsetAtSecond(secondMs); // an invalid date throws there, as before
  const hour = Math.floor(secondMs / HOUR_MS);
  const cached = offsetByHour.get(hour);
  if (cached !== undefined) return cached;
  const atStart = offsetAtSecond(hour * HOUR_MS);
  const atEnd = offsetAtSecond(hour * HOUR_MS + HOUR_MS - 1000);
  if (atStart !== atEnd) return offsetAtSecond(secondMs);
  if (offsetByHour.size >= OFFSET_CACHE_LIMIT) offsetByHour.clear();
  offsetByHour.set(hour, atStart);
  return atStart;
}

/** The Amsterdam calendar day of an instant, as "YYYY-MM-DD". */
export function amsterdamDay(instant: Date): string {
  const secondMs = Math.floor(instant.getTime() / 1000) * 1000;
  // The wall clock read as if it were UTC; the same fields formatToParts would give.
  const wall = new Date(secondMs + amsterdamOffsetMs(instant));
  return `${wall.getUTCFullYear()}-${String(wall.getUTCMonth() + 1).padStart(2, '0')}-${String(wall.getUTCDate()).padStart(2, '0')}`;
}

/** Start instants of days already asked for: uptime bars ask for the same few hundred days again and again. */
const dayStarts = new Map<string, number>();

/** The instant Amsterdam's day "YYYY-MM-DD" begins (midnight never falls in a DST gap there). */
export function startOfAmsterdamDay(day: string): Date {
  let start = dayStarts.get(day);
  if (start === undefined) {
    const [year, month, date] = day.split('-').map(Number) as [number, number, number];
    const midnightAsUtc = Date.UTC(year, month - 1, date);
    // The offset at the guess is the offset at midnight: DST switches happen at 02:00/03:00.
    start = midnightAsUtc - amsterdamOffsetMs(new Date(midnightAsUtc));
    if (dayStarts.size >= OFFSET_CACHE_LIMIT) dayStarts.clear();
    dayStarts.set(day, start);
  }
  return new Date(start);
}

const nextDays = new Map<string, string>();

/** The day after "YYYY-MM-DD" (pure calendar arithmetic). */
export function nextDay(day: string): string {
  let next = nextDays.get(day);
  if (next === undefined) {
    const [year, month, date] = day.split('-').map(Number) as [number, number, number];
    next = new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
    if (nextDays.size >= OFFSET_CACHE_LIMIT) nextDays.clear();
    nextDays.set(day, next);
  }
  return next;
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
