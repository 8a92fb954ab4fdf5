import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/content/load-content.ts';
import { IncidentSchema, MaintenanceSchema, type Component, type Municipality } from '../../../src/domain/index.ts';
import { EXAMPLE_SITE, loadTemplates, prefillFromIncident, prefillFromMaintenance, TemplateError } from '../../../src/templates/index.ts';
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
/** The demo's continuity guidance: the texts the admin starts every message from. */
const guidance = loadContent('content').guidance;
const context = { site: EXAMPLE_SITE, components, municipalities, guidance };
const brp = guidance.find((entry) => entry.product === 'registra-brp')!;
const reisdocumenten = guidance.find((entry) => entry.product === 'registra-reisdocumenten')!;
const en = (text: unknown) => (text as { en: string }).en;
const nl = (text: unknown) => (text as { nl: string }).nl;

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
      burgerbericht: en(brp.burgerbericht.during),
      kcc_script: `**Registra BRP**\n\n${en(brp.kcc_script.during)}\n\n**Registra Reisdocumenten**\n\n${en(reisdocumenten.kcc_script.during)}`,
    });
    const rendered = catalog.render('storing-gemeld', 'en', { ...values, symptoms: 'Staff cannot log in.' }, { site: EXAMPLE_SITE });
    expect(rendered.text).toContain('It began on Friday, 27 November 2026 at 09:12');
    expect(rendered.text).toContain(`MESSAGE FOR YOUR RESIDENTS (website and social media)\n----------------------------------------\n${en(brp.burgerbericht.during)}\n----`);
  });

  it('offers the fallback procedure of the guidance when the incident has no workaround of its own', () => {
    const { workaround: _none, ...withoutWorkaround } = incident;
    const values = prefillFromIncident(catalog.get('update'), IncidentSchema.parse({ ...withoutWorkaround, updates: incident.updates.map((update) => ({ ...update, at: update.at.toISOString(), next_update_at: update.next_update_at?.toISOString() })) }), context, 'nl');
    expect(values.workaround).toBe(`**Registra BRP**\n\n${nl(brp.during.fallback)}\n\n**Registra Reisdocumenten**\n\n${nl(reisdocumenten.during.fallback)}`);
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

  it('gives a resolution message the guidance for after recovery, never the outage advice', () => {
    const resolved = IncidentSchema.parse({
      ...incident,
      updates: [
        ...incident.updates.map((update) => ({ ...update, at: update.at.toISOString(), next_update_at: update.next_update_at?.toISOString() })),
        { at: '2026-11-27T10:12:00Z', status: 'resolved', body: 'Opgelost.' },
      ],
    });
    const values = prefillFromIncident(catalog.get('opgelost'), resolved, context, 'nl');
    expect(values.burgerbericht).toBe(nl(brp.burgerbericht.after));
    expect(values.kcc_script).toContain(nl(brp.kcc_script.after));
    expect(values.follow_up).toBe(
      `**Registra BRP**\n\n${nl(brp.after.backlog)}\n\n${nl(brp.after.checks)}\n\n**Registra Reisdocumenten**\n\n${nl(reisdocumenten.after.backlog)}\n\n${nl(reisdocumenten.after.checks)}`,
    );
    expect(values).not.toHaveProperty('workaround');
    const mail = catalog.render('opgelost', 'nl', { ...values, resolution: 'Certificaat vervangen.' }, { site: EXAMPLE_SITE });
    for (const channel of [mail.html, mail.text]) {
      expect(channel).toContain('Verwerk eerst de eerste inschrijvingen');
      expect(channel).not.toContain('papieren noodformulier');
      expect(channel).not.toContain('IN DE TUSSENTIJD');
      expect(channel).not.toContain('Door een storing kunnen wij nu geen verhuizingen verwerken');
    }
  });

  it('refuses an interim update that claims the incident is resolved: that message is "opgelost"', () => {
    const values = { ...catalog.exampleValues('update', 'nl'), incident_status: 'resolved' };
    expect(() => catalog.render('update', 'nl', values, { site: EXAMPLE_SITE })).toThrow(TemplateError);
    expect(() => catalog.render('update', 'nl', values, { site: EXAMPLE_SITE })).toThrow(/incident_status.*must be one of: "investigating", "identified", "monitoring"/);
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
