import { describe, expect, it } from 'vitest';
import { currentComponentStatuses, type Incident, type Maintenance } from '../../../src/domain/index.ts';
import { componentIds, incident, maintenance, maintenanceUpdate, outage, update } from '../../support/builders.ts';

const now = new Date('2026-11-27T13:00:00Z');
const statusesAt = (when: Date, incidents: Incident[], maintenances: Maintenance[] = []) =>
  Object.fromEntries(currentComponentStatuses(componentIds, incidents, maintenances, when));

describe("each product's current status", () => {
  it('is operational without incidents or maintenance', () => {
    expect(statusesAt(now, [])).toEqual({
      'registra-brp': 'operational',
      'registra-reisdocumenten': 'operational',
      'loket-formulieren': 'operational',
      'loket-afspraken': 'operational',
    });
  });

  it('is the status an open incident set', () => {
    expect(statusesAt(now, [outage({ from: '2026-11-27T08:12:00Z', status: 'partial_outage' })])['registra-brp']).toBe('partial_outage');
  });

  it('follows the latest status change within an incident', () => {
    const recovering = incident({
      updates: [
        update('2026-11-27T08:12:00Z', 'investigating', { 'registra-brp': 'major_outage' }),
        update('2026-11-27T10:30:00Z', 'monitoring', { 'registra-brp': 'degraded_performance' }),
      ],
    });
    expect(statusesAt(now, [recovering])['registra-brp']).toBe('degraded_performance');
  });

  it('returns to operational once the incident is resolved', () => {
    expect(statusesAt(now, [outage({ from: '2026-11-27T08:12:00Z', to: '2026-11-27T11:00:00Z' })])['registra-brp']).toBe('operational');
  });

  it('is the worst status of overlapping incidents', () => {
    const statuses = statusesAt(now, [
      outage({ id: 'brp-traag', from: '2026-11-27T07:00:00Z', status: 'degraded_performance' }),
      outage({ id: 'brp-storing-utrecht', from: '2026-11-27T09:00:00Z', status: 'major_outage', scope: { municipalities: ['GM0344'] } }),
      outage({ id: 'brp-deels', from: '2026-11-27T10:00:00Z', status: 'partial_outage' }),
    ]);
    expect(statuses['registra-brp']).toBe('major_outage');
  });

  it('is under maintenance while a maintenance is in progress or being verified', () => {
    const inProgress = maintenance({ scheduled_for: '2026-11-27T12:00:00Z', scheduled_until: '2026-11-27T14:00:00Z' });
    expect(statusesAt(now, [], [inProgress])['registra-brp']).toBe('under_maintenance');
    const verifying = maintenance({
      scheduled_for: '2026-11-27T10:00:00Z',
      scheduled_until: '2026-11-27T12:00:00Z',
      updates: [maintenanceUpdate('2026-11-27T11:50:00Z', 'verifying')],
    });
    expect(statusesAt(now, [], [verifying])['registra-brp']).toBe('under_maintenance');
    const completed = maintenance({ scheduled_for: '2026-11-27T08:00:00Z', scheduled_until: '2026-11-27T10:00:00Z' });
    expect(statusesAt(now, [], [completed])['registra-brp']).toBe('operational');
  });

  it('shows an outage rather than maintenance when both hold', () => {
    const inProgress = maintenance({ scheduled_for: '2026-11-27T12:00:00Z', scheduled_until: '2026-11-27T14:00:00Z' });
    const outageDuringMaintenance = outage({ from: '2026-11-27T12:30:00Z', status: 'degraded_performance' });
    expect(statusesAt(now, [outageDuringMaintenance], [inProgress])['registra-brp']).toBe('degraded_performance');
  });

  it('ignores incidents and maintenance that lie in the future', () => {
    const future = outage({ from: '2026-11-27T15:00:00Z' });
    const upcoming = maintenance({ scheduled_for: '2026-12-12T21:00:00Z', scheduled_until: '2026-12-13T01:00:00Z' });
    expect(statusesAt(now, [future], [upcoming])['registra-brp']).toBe('operational');
  });

  it('is judged at the given moment, so a build with a fixed clock shows the outage that was then going on', () => {
    const laterResolved = outage({ from: '2026-11-27T08:12:00Z', to: '2026-11-27T16:00:00Z' });
    expect(statusesAt(now, [laterResolved])['registra-brp']).toBe('major_outage');
    expect(statusesAt(new Date('2026-11-27T16:00:00Z'), [laterResolved])['registra-brp']).toBe('operational');
  });

  it('leaves other products alone and ignores products not on the page', () => {
    const statuses = currentComponentStatuses(['loket-afspraken'], [outage({ from: '2026-11-27T08:12:00Z' })], [], now);
    expect([...statuses]).toEqual([['loket-afspraken', 'operational']]);
  });
});
