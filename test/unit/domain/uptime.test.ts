import { describe, expect, it } from 'vitest';
import { dailyUptime, DOWNTIME_WEIGHT, overallUptime, type DayUptime } from '../../../src/domain/index.ts';
import { incident, outage, update } from '../../support/builders.ts';

const now = new Date('2026-11-27T13:00:00Z'); // 14:00 in Amsterdam
const byDay = (days: DayUptime[]) => new Map(days.map((day) => [day.day, day]));

describe('daily uptime', () => {
  it('documents its weighting: major outage is down, partial half, degraded and maintenance not at all', () => {
    expect(DOWNTIME_WEIGHT).toEqual({ operational: 0, degraded_performance: 0, under_maintenance: 0, partial_outage: 0.5, major_outage: 1 });
  });

  it('covers the last 90 Amsterdam days, oldest first, all up when nothing happened', () => {
    const days = dailyUptime('registra-brp', [], now);
    expect(days).toHaveLength(90);
    expect(days[0]!.day).toBe('2026-08-30');
    expect(days.at(-1)!.day).toBe('2026-11-27');
    expect(days.every((day) => day.uptime === 1 && day.downtimeMinutes === 0 && day.worst === 'operational' && day.incidentIds.length === 0)).toBe(true);
  });

  it('splits an incident across midnight over the two Amsterdam days', () => {
    // 23:00–00:30 Amsterdam time (UTC+1 in November).
    const days = byDay(dailyUptime('registra-brp', [outage({ id: 'brp-nachtstoring', from: '2026-11-20T22:00:00Z', to: '2026-11-20T23:30:00Z' })], now));
    expect(days.get('2026-11-20')).toMatchObject({ downtimeMinutes: 60, worst: 'major_outage', incidentIds: ['brp-nachtstoring'] });
    expect(days.get('2026-11-20')!.uptime).toBeCloseTo(1 - 60 / 1440, 10);
    expect(days.get('2026-11-21')).toMatchObject({ downtimeMinutes: 30, worst: 'major_outage', incidentIds: ['brp-nachtstoring'] });
    expect(days.get('2026-11-22')).toMatchObject({ downtimeMinutes: 0, uptime: 1, incidentIds: [] });
  });

  it('counts a whole-day outage on the 23-hour spring-forward day as exactly 0% and 1380 minutes', () => {
    const april = new Date('2026-04-10T10:00:00Z');
    const days = byDay(dailyUptime('registra-brp', [outage({ from: '2026-03-28T22:00:00Z', to: '2026-03-30T05:00:00Z' })], april));
    expect(days.get('2026-03-29')).toMatchObject({ uptime: 0, downtimeMinutes: 1380 });
    expect(days.get('2026-03-28')).toMatchObject({ downtimeMinutes: 60 });
    expect(days.get('2026-03-30')).toMatchObject({ downtimeMinutes: 7 * 60 });
  });

  it('counts a whole-day outage on the 25-hour fall-back day as exactly 0% and 1500 minutes', () => {
    const november = new Date('2026-11-01T10:00:00Z');
    const days = byDay(dailyUptime('registra-brp', [outage({ from: '2026-10-24T22:00:00Z', to: '2026-10-25T23:00:00Z' })], november));
    expect(days.get('2026-10-25')).toMatchObject({ uptime: 0, downtimeMinutes: 1500 });
    expect(days.get('2026-10-24')).toMatchObject({ uptime: 1, downtimeMinutes: 0 });
    expect(days.get('2026-10-26')).toMatchObject({ uptime: 1, downtimeMinutes: 0 });
  });

  it('weighs an hour lost on the fall-back day against 25 hours, not 24', () => {
    const november = new Date('2026-11-01T10:00:00Z');
    const days = byDay(dailyUptime('registra-brp', [outage({ from: '2026-10-25T08:00:00Z', to: '2026-10-25T09:00:00Z' })], november));
    expect(days.get('2026-10-25')!.uptime).toBeCloseTo(1 - 1 / 25, 10);
  });

  it('counts a partial outage as half and degraded performance not at all', () => {
    const days = byDay(
      dailyUptime(
        'registra-brp',
        [
          outage({ id: 'brp-deels', status: 'partial_outage', from: '2026-11-18T08:00:00Z', to: '2026-11-18T14:00:00Z' }),
          outage({ id: 'brp-traag', status: 'degraded_performance', from: '2026-11-19T08:00:00Z', to: '2026-11-19T14:00:00Z' }),
        ],
        now,
      ),
    );
    expect(days.get('2026-11-18')).toMatchObject({ downtimeMinutes: 180, uptime: 0.875, worst: 'partial_outage' });
    expect(days.get('2026-11-19')).toMatchObject({ downtimeMinutes: 0, uptime: 1, worst: 'degraded_performance', incidentIds: ['brp-traag'] });
  });

  it('does not count overlapping incidents twice: at each moment the worst one applies', () => {
    const days = byDay(
      dailyUptime(
        'registra-brp',
        [
          outage({ id: 'brp-storing-a', from: '2026-11-16T09:00:00Z', to: '2026-11-16T11:00:00Z' }),
          outage({ id: 'brp-storing-b', from: '2026-11-16T10:00:00Z', to: '2026-11-16T12:00:00Z' }),
          outage({ id: 'brp-deels', status: 'partial_outage', from: '2026-11-16T08:00:00Z', to: '2026-11-16T13:00:00Z' }),
        ],
        now,
      ),
    );
    // 08–09 half, 09–12 fully down, 12–13 half: 30 + 180 + 30.
    expect(days.get('2026-11-16')).toMatchObject({ downtimeMinutes: 240, worst: 'major_outage' });
    expect(days.get('2026-11-16')!.incidentIds.sort()).toEqual(['brp-deels', 'brp-storing-a', 'brp-storing-b']);
  });

  it('marks today of a still-open incident as ongoing and measures its earlier days in full', () => {
    const days = byDay(dailyUptime('registra-brp', [outage({ id: 'brp-storing', from: '2026-11-26T21:00:00Z' })], now));
    // Began at 22:00 Amsterdam time yesterday: two hours of yesterday are down, today is not over.
    expect(days.get('2026-11-26')).toMatchObject({ downtimeMinutes: 120, ongoing: false, worst: 'major_outage' });
    expect(days.get('2026-11-26')!.uptime).toBeCloseTo(1 - 120 / 1440, 10);
    expect(days.get('2026-11-27')).toMatchObject({ downtimeMinutes: 0, uptime: 1, ongoing: true, worst: 'major_outage', incidentIds: ['brp-storing'] });
  });

  it('gives the same figures at any minute of the same day, so builds of the same content are identical', () => {
    const incidents = [outage({ from: '2026-11-27T07:00:00Z', to: '2026-11-27T08:00:00Z' }), outage({ id: 'brp-open', status: 'partial_outage', from: '2026-11-27T09:00:00Z' })];
    const morning = dailyUptime('registra-brp', incidents, new Date('2026-11-27T10:00:00Z'));
    const evening = dailyUptime('registra-brp', incidents, new Date('2026-11-27T22:30:00Z'));
    expect(evening).toEqual(morning);
    // The finished hour over the whole day; the open partial outage is marked, not measured.
    expect(morning.at(-1)).toMatchObject({ downtimeMinutes: 60, ongoing: true, worst: 'major_outage' });
    expect(morning.at(-1)!.uptime).toBeCloseTo(1 - 60 / 1440, 10);
  });

  it('ignores other products, statuses set to under maintenance and incidents in the future', () => {
    const days = dailyUptime(
      'registra-brp',
      [
        outage({ component: 'loket-afspraken', from: '2026-11-25T08:00:00Z', to: '2026-11-25T10:00:00Z' }),
        outage({ id: 'brp-gepland', status: 'under_maintenance', from: '2026-11-24T08:00:00Z', to: '2026-11-24T10:00:00Z' }),
        outage({ id: 'brp-later', from: '2026-11-27T15:00:00Z' }),
      ],
      now,
    );
    expect(days.reduce((sum, day) => sum + day.downtimeMinutes, 0)).toBe(0);
  });

  it('follows status changes within one incident', () => {
    const stepwise = incident({
      updates: [
        update('2026-11-10T08:00:00Z', 'investigating', { 'registra-brp': 'major_outage' }),
        update('2026-11-10T09:00:00Z', 'identified', { 'registra-brp': 'partial_outage' }),
        update('2026-11-10T11:00:00Z', 'monitoring', { 'registra-brp': 'operational' }),
        update('2026-11-10T12:00:00Z', 'resolved'),
      ],
    });
    expect(byDay(dailyUptime('registra-brp', [stepwise], now)).get('2026-11-10')!.downtimeMinutes).toBe(60 + 60);
  });
});

describe('overall uptime', () => {
  it('weighs each day by its whole length', () => {
    const days = dailyUptime('registra-brp', [outage({ from: '2026-11-27T09:00:00Z', to: '2026-11-27T13:00:00Z' })], now);
    // 90 whole days, one of them the 25-hour 25 October.
    const minutes = 90 * 24 * 60 + 60;
    expect(overallUptime(days)).toBeCloseTo(1 - 240 / minutes, 10);
    expect(overallUptime(dailyUptime('registra-brp', [], now))).toBe(1);
  });
});
