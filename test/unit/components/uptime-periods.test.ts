import { describe, expect, it } from 'vitest';
import { uptimeLevel, uptimePeriods } from '../../../src/components/uptime-periods.ts';
import { dailyUptime, type ComponentStatus, type DayUptime } from '../../../src/domain/index.ts';
import { outage } from '../../support/builders.ts';

const now = new Date('2026-11-27T13:00:00Z'); // 14:00 in Amsterdam; the period runs 30 August – 27 November

function day(date: string, worst: ComponentStatus = 'operational', downtimeMinutes = 0, uptime = 1): DayUptime {
  return { day: date, uptime, downtimeMinutes, ongoing: false, worst, incidentIds: downtimeMinutes > 0 || worst !== 'operational' ? ['registra-brp-storing'] : [] };
}

describe('uptime periods (the text alternative of the uptime bar)', () => {
  it('merges ninety undisturbed days into one period', () => {
    expect(uptimePeriods(dailyUptime('registra-brp', [], now))).toEqual([
      { firstDay: '2026-08-30', lastDay: '2026-11-27', uptime: 1, worst: 'operational', downtimeMinutes: 0, ongoing: false },
    ]);
  });

  it('lets a disturbed day stand alone between the quiet periods, newest first', () => {
    // 09:00–10:30 Amsterdam time on 20 November: 90 minutes down.
    const days = dailyUptime('registra-brp', [outage({ from: '2026-11-20T08:00:00Z', to: '2026-11-20T09:30:00Z' })], now);
    const periods = uptimePeriods(days);
    expect(periods.map((period) => `${period.firstDay}..${period.lastDay}`)).toEqual(['2026-11-21..2026-11-27', '2026-11-20..2026-11-20', '2026-08-30..2026-11-19']);
    expect(periods[1]).toMatchObject({ worst: 'major_outage', downtimeMinutes: 90 });
    expect(periods[1]!.uptime).toBeCloseTo(1 - 90 / 1440, 10);
    expect(periods[0]).toMatchObject({ uptime: 1, worst: 'operational', downtimeMinutes: 0 });
  });

  it('keeps consecutive disturbed days as separate rows, each with its own figures', () => {
    // 22:00–02:00 Amsterdam time across midnight: 2 hours on each day.
    const days = dailyUptime('registra-brp', [outage({ status: 'partial_outage', from: '2026-11-24T21:00:00Z', to: '2026-11-25T01:00:00Z' })], now);
    const periods = uptimePeriods(days);
    expect(periods.slice(0, 3).map((period) => [period.firstDay, period.lastDay, period.worst, period.downtimeMinutes])).toEqual([
      ['2026-11-26', '2026-11-27', 'operational', 0],
      ['2026-11-25', '2026-11-25', 'partial_outage', 60],
      ['2026-11-24', '2026-11-24', 'partial_outage', 60],
    ]);
  });

  it('treats a slow day as disturbed even though it cost no uptime', () => {
    const periods = uptimePeriods([day('2026-11-25'), day('2026-11-26', 'degraded_performance'), day('2026-11-27')]);
    expect(periods).toEqual([
      { firstDay: '2026-11-27', lastDay: '2026-11-27', uptime: 1, worst: 'operational', downtimeMinutes: 0, ongoing: false },
      { firstDay: '2026-11-26', lastDay: '2026-11-26', uptime: 1, worst: 'degraded_performance', downtimeMinutes: 0, ongoing: false },
      { firstDay: '2026-11-25', lastDay: '2026-11-25', uptime: 1, worst: 'operational', downtimeMinutes: 0, ongoing: false },
    ]);
  });

  it('covers every day exactly once, without gaps or overlaps', () => {
    const days = dailyUptime(
      'registra-brp',
      [
        outage({ id: 'brp-inlogstoring', from: '2026-09-03T07:00:00Z', to: '2026-09-03T08:00:00Z' }),
        outage({ id: 'brp-traag', status: 'degraded_performance', from: '2026-10-14T06:00:00Z', to: '2026-10-15T12:00:00Z' }),
        outage({ id: 'brp-uitval', from: '2026-11-27T09:00:00Z' }),
      ],
      now,
    );
    const periods = uptimePeriods(days).reverse();
    expect(periods[0]!.firstDay).toBe(days[0]!.day);
    expect(periods.at(-1)!.lastDay).toBe(days.at(-1)!.day);
    const covered = periods.flatMap((period) => days.map((entry) => entry.day).filter((date) => date >= period.firstDay && date <= period.lastDay));
    expect(covered).toEqual(days.map((entry) => entry.day));
    // Today's open outage is its own row, marked as still going on rather than measured.
    expect(periods.at(-1)).toMatchObject({ firstDay: '2026-11-27', worst: 'major_outage', downtimeMinutes: 0, ongoing: true });
  });

  it('gives nothing for no days', () => {
    expect(uptimePeriods([])).toEqual([]);
  });
});

describe('uptime bar level', () => {
  it('maps the worst status of a day to one of four looks', () => {
    expect(uptimeLevel(day('2026-11-27'))).toBe(0);
    expect(uptimeLevel(day('2026-11-27', 'under_maintenance'))).toBe(0);
    expect(uptimeLevel(day('2026-11-27', 'degraded_performance'))).toBe(1);
    expect(uptimeLevel(day('2026-11-27', 'partial_outage', 30, 0.98))).toBe(2);
    expect(uptimeLevel(day('2026-11-27', 'major_outage', 30, 0.98))).toBe(3);
  });

  it('never shows a day with downtime as undisturbed', () => {
    expect(uptimeLevel(day('2026-11-27', 'operational', 5, 0.99))).toBe(2);
  });
});
