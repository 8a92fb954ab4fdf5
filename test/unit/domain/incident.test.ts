import { describe, expect, it } from 'vitest';
import { chronologicalUpdates, deriveIncidentTimes, incidentStatusWindows, IncidentSchema } from '../../../src/domain/index.ts';
import { incident, update } from '../../support/builders.ts';

const brpAndTravel = ['registra-brp', 'registra-reisdocumenten'];

describe('incident times', () => {
  it('derive status, start, monitoring and resolution from the updates, whatever order the file lists them in', () => {
    const resolved = incident({
      components: brpAndTravel,
      updates: [
        update('2026-11-12T10:40:00Z', 'resolved', { 'registra-brp': 'operational' }),
        update('2026-11-12T08:05:00Z', 'investigating', { 'registra-brp': 'major_outage' }, { next_update_at: '2026-11-12T08:45:00Z' }),
        update('2026-11-12T09:50:00Z', 'monitoring', { 'registra-brp': 'degraded_performance' }, { next_update_at: '2026-11-12T11:00:00Z' }),
        update('2026-11-12T08:40:00Z', 'identified', {}, { next_update_at: '2026-11-12T09:30:00Z' }),
      ],
    });
    const times = deriveIncidentTimes(resolved);
    expect(times).toEqual({
      status: 'resolved',
      startedAt: new Date('2026-11-12T08:05:00Z'),
      updatedAt: new Date('2026-11-12T10:40:00Z'),
      monitoringAt: new Date('2026-11-12T09:50:00Z'),
      resolvedAt: new Date('2026-11-12T10:40:00Z'),
      nextUpdateAt: null,
    });
  });

  it('promise the next update from the latest update only', () => {
    const open = incident({
      updates: [
        update('2026-11-27T08:12:00Z', 'investigating', { 'registra-brp': 'major_outage' }, { next_update_at: '2026-11-27T08:45:00Z' }),
        update('2026-11-27T08:41:00Z', 'identified', {}, { next_update_at: '2026-11-27T09:30:00Z' }),
      ],
    });
    expect(deriveIncidentTimes(open)).toMatchObject({ status: 'identified', resolvedAt: null, monitoringAt: null, nextUpdateAt: new Date('2026-11-27T09:30:00Z') });

    const silent = incident({
      updates: [
        update('2026-11-27T08:12:00Z', 'investigating', { 'registra-brp': 'major_outage' }, { next_update_at: '2026-11-27T08:45:00Z' }),
        update('2026-11-27T08:41:00Z', 'identified'),
      ],
    });
    expect(deriveIncidentTimes(silent).nextUpdateAt).toBeNull();
  });

  it('sort updates oldest first without changing the original list', () => {
    const updates = [{ at: new Date('2026-11-02T10:00:00Z'), n: 2 }, { at: new Date('2026-11-01T10:00:00Z'), n: 1 }];
    expect(chronologicalUpdates(updates).map((entry) => entry.n)).toEqual([1, 2]);
    expect(updates.map((entry) => entry.n)).toEqual([2, 1]);
  });
});

describe('incident status windows', () => {
  it('hold a status from the update that sets it until a later update changes it', () => {
    const windows = incidentStatusWindows(
      incident({
        components: brpAndTravel,
        updates: [
          update('2026-11-12T08:05:00Z', 'investigating', { 'registra-brp': 'major_outage', 'registra-reisdocumenten': 'partial_outage' }),
          update('2026-11-12T09:00:00Z', 'identified', { 'registra-brp': 'partial_outage' }),
          update('2026-11-12T09:50:00Z', 'monitoring', { 'registra-reisdocumenten': 'operational' }),
          update('2026-11-12T10:40:00Z', 'resolved'),
        ],
      }),
    );
    expect(windows.map((w) => [w.componentId, w.status, w.start.toISOString().slice(11, 16), w.end?.toISOString().slice(11, 16)])).toEqual([
      ['registra-brp', 'major_outage', '08:05', '09:00'],
      ['registra-reisdocumenten', 'partial_outage', '08:05', '09:50'],
      ['registra-brp', 'partial_outage', '09:00', '10:40'],
    ]);
  });

  it('stay open while the incident is unresolved', () => {
    const windows = incidentStatusWindows(incident({ updates: [update('2026-11-27T08:12:00Z', 'investigating', { 'registra-brp': 'major_outage' })] }));
    expect(windows).toEqual([{ componentId: 'registra-brp', status: 'major_outage', start: new Date('2026-11-27T08:12:00Z'), end: null }]);
  });

  it('drop a status set by the resolving update itself, which never held', () => {
    const windows = incidentStatusWindows(
      incident({
        updates: [
          update('2026-11-12T08:05:00Z', 'investigating', { 'registra-brp': 'major_outage' }),
          update('2026-11-12T10:40:00Z', 'resolved', { 'registra-brp': 'degraded_performance' }),
        ],
      }),
    );
    expect(windows).toHaveLength(1);
    expect(windows[0]!.end).toEqual(new Date('2026-11-12T10:40:00Z'));
  });
});

describe('start time and merging (issue 11)', () => {
  const first = update('2026-12-07T06:37:00Z', 'investigating', { 'registra-brp': 'major_outage' });

  it('takes the outage’s own start over the first notice, and refuses a start after the first notice', () => {
    expect(deriveIncidentTimes(incident({ started_at: '2026-12-07T06:20:00Z', updates: [first] })).startedAt).toEqual(new Date('2026-12-07T06:20:00Z'));
    const late = IncidentSchema.safeParse({ id: 'registra-brp-storing', title: 'Registra BRP niet bereikbaar', impact: 'major', components: ['registra-brp'], scope: 'all', started_at: '2026-12-07T06:40:00Z', updates: [first] });
    expect(late.success).toBe(false);
    expect(late.error?.issues.map((issue) => [issue.path.join('.'), (issue as { params?: { code?: string } }).params?.code])).toEqual([['started_at', 'started_after_first_update']]);
  });

  it('allows merged_into only on a resolved incident', () => {
    const base = { id: 'registra-brp-storing-2', title: 'Registra BRP: inloggen mislukt', impact: 'minor', components: ['registra-brp'], scope: 'all', merged_into: 'registra-brp-storing' };
    expect(IncidentSchema.safeParse({ ...base, updates: [first] }).success).toBe(false);
    expect(IncidentSchema.safeParse({ ...base, updates: [first, update('2026-12-07T06:50:00Z', 'resolved', { 'registra-brp': 'operational' })] }).success).toBe(true);
  });
});
