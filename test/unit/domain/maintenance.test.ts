import { describe, expect, it } from 'vitest';
import { deriveMaintenanceStatus, deriveMaintenanceTimes } from '../../../src/domain/index.ts';
import { maintenance, maintenanceUpdate } from '../../support/builders.ts';

// Saturday night 12 December 2026, 22:00–02:00 Amsterdam time.
const window = { scheduled_for: '2026-12-12T21:00:00Z', scheduled_until: '2026-12-13T01:00:00Z' };
const at = (iso: string) => new Date(iso);

describe('maintenance status', () => {
  it('follows the schedule when nobody posted an update', () => {
    const upgrade = maintenance(window);
    expect(deriveMaintenanceStatus(upgrade, at('2026-12-12T20:59:59Z'))).toBe('scheduled');
    expect(deriveMaintenanceStatus(upgrade, at('2026-12-12T21:00:00Z'))).toBe('in_progress');
    expect(deriveMaintenanceStatus(upgrade, at('2026-12-13T00:59:59Z'))).toBe('in_progress');
    expect(deriveMaintenanceStatus(upgrade, at('2026-12-13T01:00:00Z'))).toBe('completed');
  });

  it('follows an explicit update over the schedule: verifying and early completion', () => {
    const verifying = maintenance({ ...window, updates: [maintenanceUpdate('2026-12-12T21:00:00Z', 'in_progress'), maintenanceUpdate('2026-12-12T23:10:00Z', 'verifying')] });
    expect(deriveMaintenanceStatus(verifying, at('2026-12-12T23:30:00Z'))).toBe('verifying');
    const early = maintenance({ ...window, updates: [maintenanceUpdate('2026-12-12T23:40:00Z', 'completed')] });
    expect(deriveMaintenanceStatus(early, at('2026-12-12T23:45:00Z'))).toBe('completed');
  });

  it('stays in progress after the scheduled end when the work overruns and an update said so', () => {
    const overrun = maintenance({ ...window, updates: [maintenanceUpdate('2026-12-12T21:02:00Z', 'in_progress')] });
    expect(deriveMaintenanceStatus(overrun, at('2026-12-13T03:00:00Z'))).toBe('in_progress');
  });

  it('falls back to the schedule when the latest update only says it is (re)scheduled', () => {
    const announced = maintenance({ ...window, updates: [maintenanceUpdate('2026-12-01T09:00:00Z', 'scheduled')] });
    expect(deriveMaintenanceStatus(announced, at('2026-12-05T09:00:00Z'))).toBe('scheduled');
    expect(deriveMaintenanceStatus(announced, at('2026-12-12T22:00:00Z'))).toBe('in_progress');
  });

  it('knows when the work actually started and ended', () => {
    const done = maintenance({
      ...window,
      updates: [maintenanceUpdate('2026-12-12T21:05:00Z', 'in_progress'), maintenanceUpdate('2026-12-13T00:20:00Z', 'completed')],
    });
    expect(deriveMaintenanceTimes(done, at('2026-12-13T09:00:00Z'))).toEqual({
      startedAt: at('2026-12-12T21:05:00Z'),
      completedAt: at('2026-12-13T00:20:00Z'),
      updatedAt: at('2026-12-13T00:20:00Z'),
    });
    const upcoming = maintenance(window);
    expect(deriveMaintenanceTimes(upcoming, at('2026-12-01T09:00:00Z'))).toEqual({ startedAt: null, completedAt: null, updatedAt: at(window.scheduled_for) });
    expect(deriveMaintenanceTimes(upcoming, at('2026-12-14T09:00:00Z'))).toEqual({
      startedAt: at(window.scheduled_for),
      completedAt: at(window.scheduled_until),
      updatedAt: at(window.scheduled_for),
    });
  });
});
