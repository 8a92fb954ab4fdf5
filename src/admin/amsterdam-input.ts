import { amsterdamOffsetMs } from '../domain/index.ts';

/**
 * `<input type="datetime-local">` speaks the Amsterdam wall clock ("2026-11-27T10:30"); the store
 * speaks UTC. These two functions are the only place that crosses between them.
 */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "2026-11-27T10:30" (Amsterdam) → the instant, or null when the text is not such a value. */
export function fromAmsterdamInput(value: string): Date | null {
  const match = LOCAL.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wallAsUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  // The offset at the guess is right except within an hour of a DST switch; one correction settles it.
  const first = wallAsUtc - amsterdamOffsetMs(new Date(wallAsUtc));
  return new Date(wallAsUtc - amsterdamOffsetMs(new Date(first)));
}

/** The instant as an Amsterdam "YYYY-MM-DDTHH:MM" for the value of a datetime-local input. */
export function toAmsterdamInput(instant: Date): string {
  const wall = new Date(instant.getTime() + amsterdamOffsetMs(instant));
  return wall.toISOString().slice(0, 16);
}
