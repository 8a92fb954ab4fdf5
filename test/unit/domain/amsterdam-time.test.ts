import { describe, expect, it } from 'vitest';
import { amsterdamDay, amsterdamMonth, amsterdamOffsetMs, lastAmsterdamDays, nextDay, startOfAmsterdamDay } from '../../../src/domain/index.ts';

const HOUR = 3_600_000;
const dayLengthHours = (day: string) => (startOfAmsterdamDay(nextDay(day)).getTime() - startOfAmsterdamDay(day).getTime()) / HOUR;

describe('Amsterdam time', () => {
  it('switches from +1 h to +2 h at 01:00 UTC on the last Sunday of March', () => {
    expect(amsterdamOffsetMs(new Date('2026-03-29T00:59:59Z'))).toBe(HOUR);
    expect(amsterdamOffsetMs(new Date('2026-03-29T01:00:00Z'))).toBe(2 * HOUR);
  });

  it('switches back from +2 h to +1 h at 01:00 UTC on the last Sunday of October', () => {
    expect(amsterdamOffsetMs(new Date('2026-10-25T00:59:59Z'))).toBe(2 * HOUR);
    expect(amsterdamOffsetMs(new Date('2026-10-25T01:00:00Z'))).toBe(HOUR);
  });

  it('ignores milliseconds when computing the offset', () => {
    expect(amsterdamOffsetMs(new Date('2026-07-01T10:00:00.999Z'))).toBe(2 * HOUR);
  });

  it('puts an evening in UTC on the next Amsterdam day', () => {
    expect(amsterdamDay(new Date('2026-03-28T22:59:59Z'))).toBe('2026-03-28');
    expect(amsterdamDay(new Date('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
    expect(amsterdamDay(new Date('2026-07-14T21:59:59Z'))).toBe('2026-07-14');
    expect(amsterdamDay(new Date('2026-07-14T22:00:00Z'))).toBe('2026-07-15');
  });

  it('starts each day at Amsterdam midnight on both sides of the DST switches', () => {
    expect(startOfAmsterdamDay('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfAmsterdamDay('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfAmsterdamDay('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfAmsterdamDay('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('has a 23-hour day in March, a 25-hour day in October and 24 hours otherwise', () => {
    expect(dayLengthHours('2026-03-29')).toBe(23);
    expect(dayLengthHours('2026-10-25')).toBe(25);
    expect(dayLengthHours('2026-03-28')).toBe(24);
    expect(dayLengthHours('2026-10-26')).toBe(24);
    expect(dayLengthHours('2026-11-27')).toBe(24);
  });

  it('counts calendar days across month, year and leap-day boundaries', () => {
    expect(nextDay('2026-10-31')).toBe('2026-11-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('2027-02-28')).toBe('2027-03-01');
  });

  it('lists the last days up to and including the Amsterdam day of now, oldest first', () => {
    // 23:30 UTC on the 26th is already the 27th in Amsterdam.
    expect(lastAmsterdamDays(new Date('2026-11-26T23:30:00Z'), 3)).toEqual(['2026-11-25', '2026-11-26', '2026-11-27']);
    const ninety = lastAmsterdamDays(new Date('2026-11-27T13:00:00Z'), 90);
    expect(ninety).toHaveLength(90);
    expect(ninety[0]).toBe('2026-08-30');
    expect(ninety.at(-1)).toBe('2026-11-27');
    expect(new Set(ninety).size).toBe(90);
  });

  it('gives the Amsterdam month, which can differ from the UTC month', () => {
    expect(amsterdamMonth(new Date('2026-10-31T23:30:00Z'))).toBe('2026-11');
    expect(amsterdamMonth(new Date('2026-10-31T22:30:00Z'))).toBe('2026-10');
  });
});
