import { describe, expect, it } from 'vitest';
import { IncidentSchema, MaintenanceSchema, type IncidentInput, type MaintenanceInput } from '../../../src/domain/index.ts';
import { nextTimeBasedChange } from '../../../src/publish/next-time-based-change.ts';

const maintenance = (overrides: Partial<MaintenanceInput> = {}) =>
  MaintenanceSchema.parse({
    id: '2026-11-28-upgrade-taxo',
    title: { nl: 'Upgrade Taxo', en: 'Taxo upgrade' },
    description: { nl: 'Taxo krijgt versie 2026.4.', en: 'Taxo gets version 2026.4.' },
    components: ['taxo-belastingen'],
    scheduled_for: '2026-11-28T06:00:00Z',
    scheduled_until: '2026-11-28T08:00:00Z',
    ...overrides,
  });

const incident = (overrides: Partial<IncidentInput> = {}) =>
  IncidentSchema.parse({
    id: '2026-11-27-registra-brp-storing',
    title: { nl: 'Registra BRP niet bereikbaar', en: 'Registra BRP unavailable' },
    impact: 'critical',
    components: ['registra-brp'],
    scope: 'all',
    updates: [{ at: '2026-11-27T08:12:00Z', status: 'investigating', body: { nl: 'We onderzoeken het.', en: 'Investigating.' }, next_update_at: '2026-11-27T08:45:00Z' }],
    ...overrides,
  });

describe('nextTimeBasedChange', () => {
  it('is Amsterdam midnight when nothing else is due (23:00 UTC in winter)', () => {
    expect(nextTimeBasedChange({ incidents: [], maintenances: [] }, new Date('2026-11-27T12:00:00Z'))).toEqual({
      at: new Date('2026-11-27T23:00:00Z'),
      reason: 'Automatisch: nieuwe dag 2026-11-28 in de beschikbaarheidsbalken',
    });
  });

  it('follows the DST switch: midnight is 22:00 UTC in summer', () => {
    expect(nextTimeBasedChange(null, new Date('2026-07-01T10:00:00Z')).at).toEqual(new Date('2026-07-01T22:00:00Z'));
  });

  it('is the start of a maintenance window, then its end', () => {
    const content = { incidents: [], maintenances: [maintenance()] };
    expect(nextTimeBasedChange(content, new Date('2026-11-28T05:00:00Z'))).toEqual({ at: new Date('2026-11-28T06:00:00Z'), reason: 'Automatisch: onderhoud 2026-11-28-upgrade-taxo begint' });
    expect(nextTimeBasedChange(content, new Date('2026-11-28T06:00:00Z')).at).toEqual(new Date('2026-11-28T08:00:00Z'));
  });

  it('is the moment a promised next update falls due', () => {
    const change = nextTimeBasedChange({ incidents: [incident()], maintenances: [] }, new Date('2026-11-27T08:30:00Z'));
    expect(change).toEqual({ at: new Date('2026-11-27T08:45:00Z'), reason: 'Automatisch: volgende update van storing 2026-11-27-registra-brp-storing is nu verwacht' });
  });

  it('ignores drills and moments already past', () => {
    const content = { incidents: [incident({ drill: true })], maintenances: [maintenance({ drill: true }), maintenance({ id: '2026-11-01-oud', scheduled_for: '2026-11-01T06:00:00Z', scheduled_until: '2026-11-01T08:00:00Z' })] };
    expect(nextTimeBasedChange(content, new Date('2026-11-27T08:30:00Z')).at).toEqual(new Date('2026-11-27T23:00:00Z'));
  });
});
