import { describe, expect, it } from 'vitest';
import { IncidentSchema, MaintenanceSchema, type Component, type Municipality } from '../../../src/domain/index.ts';
import { EXAMPLE_SITE, loadTemplates, prefillFromIncident, prefillFromMaintenance } from '../../../src/templates/index.ts';
import { TEMPLATES_DIR } from './fixtures.ts';

const catalog = loadTemplates(TEMPLATES_DIR);
const components: Component[] = [
  { id: 'registra-brp', name: 'Registra BRP', group: 'burgerzaken', description: 'BRP', order: 1 },
  { id: 'registra-reisdocumenten', name: 'Registra Reisdocumenten', group: 'burgerzaken', description: 'Reisdocumenten', order: 2 },
  { id: 'taxo-belastingen', name: 'Taxo Belastingen', group: 'belastingen', description: 'Belastingen', order: 1 },
];
const municipalities: Municipality[] = [
  { id: 'GM0344', name: 'Utrecht', products: ['registra-brp', 'taxo-belastingen'] },
  { id: 'GM0363', name: 'Amsterdam', products: ['registra-reisdocumenten'] },
  { id: 'GM0014', name: 'Groningen', products: ['taxo-belastingen'] },
];
const context = { site: EXAMPLE_SITE, components, municipalities };

const incident = IncidentSchema.parse({
  id: '2026-11-27-registra-brp-landelijke-storing',
  title: { nl: 'Registra BRP niet bereikbaar', en: 'Registra BRP unavailable' },
  impact: 'critical',
  components: ['registra-brp', 'registra-reisdocumenten'],
  scope: 'all',
  workaround: { nl: 'Gebruik het papieren noodformulier.', en: 'Use the paper fallback form.' },
  updates: [
    { at: '2026-11-27T08:12:00Z', status: 'investigating', body: 'Wij onderzoeken het.', components: { 'registra-brp': 'major_outage', 'registra-reisdocumenten': 'partial_outage' }, next_update_at: '2026-11-27T08:45:00Z' },
    { at: '2026-11-27T08:41:00Z', status: 'identified', body: 'Oorzaak gevonden.', components: { 'registra-reisdocumenten': 'degraded_performance' }, next_update_at: '2026-11-27T09:30:00Z' },
  ],
});

describe('prefilling system variables from records', () => {
  it('takes the facts of an incident, in the language asked, limited to what the template declares', () => {
    const values = prefillFromIncident(catalog.get('storing-gemeld'), incident, context, 'en');
    expect(values).toEqual({
      incident_title: 'Registra BRP unavailable',
      impact: 'critical',
      affected_products: [
        { id: 'registra-brp', name: 'Registra BRP', status: 'major_outage' },
        { id: 'registra-reisdocumenten', name: 'Registra Reisdocumenten', status: 'degraded_performance' },
      ],
      affected_municipalities: [
        { id: 'GM0363', name: 'Amsterdam' },
        { id: 'GM0344', name: 'Utrecht' },
      ],
      started_at: '2026-11-27T08:12:00.000Z',
      next_update_at: '2026-11-27T09:30:00.000Z',
      incident_url: 'https://status.voorbeeldsoftware.nl/en/incidents/2026-11-27-registra-brp-landelijke-storing/',
      workaround: 'Use the paper fallback form.',
    });
    const rendered = catalog.render('storing-gemeld', 'en', { ...values, symptoms: 'Staff cannot log in.' }, { site: EXAMPLE_SITE });
    expect(rendered.text).toContain('It began on Friday, 27 November 2026 at 09:12');
  });

  it('marks products operational once the incident is resolved', () => {
    const resolved = IncidentSchema.parse({
      ...incident,
      updates: [...incident.updates.map((update) => ({ ...update, at: update.at.toISOString(), next_update_at: update.next_update_at?.toISOString() })), { at: '2026-11-27T10:12:00Z', status: 'resolved', body: 'Opgelost.' }],
    });
    const values = prefillFromIncident(catalog.get('opgelost'), resolved, context, 'nl');
    expect(values.affected_products).toEqual([
      { id: 'registra-brp', name: 'Registra BRP', status: 'operational' },
      { id: 'registra-reisdocumenten', name: 'Registra Reisdocumenten', status: 'operational' },
    ]);
    expect(values.resolved_at).toBe('2026-11-27T10:12:00.000Z');
    expect(values).not.toHaveProperty('next_update_at');
    const rendered = catalog.render('opgelost', 'nl', { ...values, resolution: 'Certificaat vervangen.' }, { site: EXAMPLE_SITE });
    expect(rendered.text).toContain('De storing duurde 2 uur.');
  });

  it('takes the facts of a maintenance window', () => {
    const maintenance = MaintenanceSchema.parse({
      id: '2026-12-04-taxo-belastingen-nieuwe-versie',
      title: 'Nieuwe versie van Taxo Belastingen',
      description: 'Inloggen in Taxo Belastingen is niet mogelijk.',
      components: ['taxo-belastingen'],
      scheduled_for: '2026-12-04T17:00:00Z',
      scheduled_until: '2026-12-04T21:00:00Z',
    });
    const values = prefillFromMaintenance(catalog.get('onderhoud-aangekondigd'), maintenance, context, 'nl', new Date('2026-11-30T09:00:00Z'));
    expect(values).toMatchObject({
      maintenance_title: 'Nieuwe versie van Taxo Belastingen',
      affected_products: [{ id: 'taxo-belastingen', name: 'Taxo Belastingen', status: 'under_maintenance' }],
      maintenance_url: 'https://status.voorbeeldsoftware.nl/onderhoud/2026-12-04-taxo-belastingen-nieuwe-versie/',
      impact_description: 'Inloggen in Taxo Belastingen is niet mogelijk.',
    });
    expect(catalog.render('onderhoud-aangekondigd', 'nl', values, { site: EXAMPLE_SITE }).text).toContain('Het onderhoud is op vrijdag 4 december 2026 van 18:00 tot 22:00.');
  });
});
