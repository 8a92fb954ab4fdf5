import {
  ComponentCatalogSchema,
  IncidentSchema,
  MaintenanceSchema,
  MunicipalityListSchema,
  SiteSchema,
  type ContentSet,
  type Incident,
  type IncidentInput,
  type Maintenance,
  type MaintenanceInput,
} from '../../../src/domain/index.ts';

/**
 * A small, realistic content set for mapper tests, built through the real domain schemas so
 * defaults and refinements apply exactly as they do for content files.
 */
export const NOW = new Date('2026-11-27T10:00:00Z');

const catalog = ComponentCatalogSchema.parse({
  groups: [
    { id: 'burgerzaken', name: { nl: 'Burgerzaken', en: 'Civil affairs' }, order: 1 },
    { id: 'digitale-dienstverlening', name: { nl: 'Digitale dienstverlening', en: 'Digital services' }, order: 2 },
  ],
  components: [
    {
      id: 'registra-brp',
      name: 'Registra BRP',
      group: 'burgerzaken',
      order: 1,
      description: { nl: 'Bijhouding van de Basisregistratie Personen.', en: 'Maintaining the Personal Records Database.' },
    },
    {
      id: 'registra-reisdocumenten',
      name: 'Registra Reisdocumenten',
      group: 'burgerzaken',
      order: 2,
      description: { nl: 'Paspoorten en identiteitskaarten.', en: 'Passports and identity cards.' },
    },
    {
      id: 'loket-formulieren',
      name: 'Loket Formulieren',
      group: 'digitale-dienstverlening',
      order: 1,
      description: 'Online formulieren met DigiD en eHerkenning.',
    },
    {
      // Shares its slug with a group on purpose: API ids must still differ.
      id: 'burgerzaken',
      name: 'Burgerzaken Portaal',
      group: 'digitale-dienstverlening',
      order: 2,
      description: 'Portaal voor medewerkers burgerzaken.',
    },
  ],
});

const municipalities = MunicipalityListSchema.parse({
  municipalities: [
    { id: 'GM0344', name: 'Utrecht', products: ['registra-brp', 'registra-reisdocumenten', 'loket-formulieren'] },
    { id: 'GM0518', name: "'s-Gravenhage", products: ['registra-brp', 'loket-formulieren'] },
    { id: 'GM0193', name: 'Zwolle', products: ['registra-brp', 'registra-reisdocumenten'] },
  ],
}).municipalities;

export const SITE = SiteSchema.parse({
  url: 'https://status.voorbeeldsoftware.nl/',
  page_id: 'vbsw2026hldr',
  vendor: { name: 'Voorbeeld Software B.V.', url: 'https://www.voorbeeldsoftware.nl' },
  title: { nl: 'Status van Voorbeeld Software', en: 'Voorbeeld Software status' },
  brand: { primary: '#1d4f91' },
});

export function incident(id: string, input: Omit<IncidentInput, 'id'>): Incident {
  return IncidentSchema.parse({ id, ...input });
}

export function maintenance(id: string, input: Omit<MaintenanceInput, 'id'>): Maintenance {
  return MaintenanceSchema.parse({ id, ...input });
}

export function contentSet(parts: { incidents?: Incident[]; maintenances?: Maintenance[] } = {}): ContentSet {
  return {
    site: SITE,
    groups: catalog.groups,
    components: catalog.components,
    municipalities,
    incidents: parts.incidents ?? [],
    maintenances: parts.maintenances ?? [],
    guidance: [],
  };
}

/** A national BRP outage, resolved, with a postmortem. */
export const brpOutage = (): Incident =>
  incident('2026-11-03-registra-brp-storing', {
    title: { nl: 'Registra BRP niet bereikbaar', en: 'Registra BRP unavailable' },
    impact: 'critical',
    components: ['registra-brp', 'registra-reisdocumenten'],
    scope: 'all',
    workaround: { nl: 'Noteer aanvragen op het papieren noodformulier.', en: 'Record applications on the paper fallback form.' },
    updates: [
      {
        at: '2026-11-03T08:12:00Z',
        status: 'investigating',
        body: { nl: 'We onderzoeken waarom inloggen niet lukt.', en: 'We are investigating why login fails.' },
        components: { 'registra-brp': 'major_outage', 'registra-reisdocumenten': 'partial_outage' },
        next_update_at: '2026-11-03T08:45:00Z',
      },
      {
        at: '2026-11-03T08:41:00Z',
        status: 'identified',
        body: { nl: 'Een verlopen certificaat is de oorzaak.', en: 'An expired certificate is the cause.' },
        components: { 'registra-brp': 'major_outage' },
      },
      {
        at: '2026-11-03T09:30:00Z',
        status: 'monitoring',
        body: { nl: 'Het certificaat is vervangen.', en: 'The certificate has been replaced.' },
        components: { 'registra-brp': 'degraded_performance' },
      },
      // No statuses named: resolving returns both products to operational.
      { at: '2026-11-03T10:05:00Z', status: 'resolved', body: { nl: 'De storing is opgelost.', en: 'The incident is resolved.' } },
    ],
    postmortem: '## Oorzaak\n\nHet certificaat was verlopen.',
  });

/** A local incident in Zwolle, still open at NOW. */
export const zwolleOpen = (): Incident =>
  incident('2026-11-27-reisdocumenten-zwolle', {
    title: { nl: 'Aanvraagstations in Zwolle maken geen verbinding', en: 'Application stations in Zwolle cannot connect' },
    impact: 'minor',
    components: ['registra-reisdocumenten'],
    scope: { municipalities: ['GM0193'] },
    updates: [
      {
        at: '2026-11-27T08:00:00Z',
        status: 'investigating',
        body: 'We onderzoeken de oorzaak.',
        components: { 'registra-reisdocumenten': 'partial_outage' },
        next_update_at: '2026-11-27T10:30:00Z',
      },
    ],
  });

/** An exercise that must never appear on a public surface. */
export const drill = (): Incident =>
  incident('2026-11-20-oefening-uitval-datacentrum', {
    title: { nl: 'OEFENING uitval datacentrum', en: 'EXERCISE data centre failure' },
    impact: 'critical',
    components: ['loket-formulieren'],
    scope: 'all',
    drill: true,
    updates: [
      { at: '2026-11-20T13:00:00Z', status: 'investigating', body: 'OEFENING: dit is een oefening.', components: { 'loket-formulieren': 'major_outage' } },
    ],
  });

export const upcomingMaintenance = (): Maintenance =>
  maintenance('2026-12-12-vervanging-servers-loket', {
    title: { nl: 'Vervanging servers Loket Formulieren', en: 'Replacing the Loket Formulieren servers' },
    description: { nl: 'Formulieren versturen is dan niet mogelijk.', en: 'Sending forms is not possible then.' },
    components: ['loket-formulieren'],
    scheduled_for: '2026-12-12T07:00:00Z',
    scheduled_until: '2026-12-12T11:00:00Z',
  });

export const activeMaintenance = (): Maintenance =>
  maintenance('2026-11-27-upgrade-registra', {
    title: 'Upgrade Registra',
    description: 'We installeren Registra 9.2.',
    components: ['registra-brp'],
    scope: { municipalities: ['GM0344'] },
    scheduled_for: '2026-11-27T09:00:00Z',
    scheduled_until: '2026-11-27T11:00:00Z',
    updates: [
      { at: '2026-11-20T12:00:00Z', status: 'scheduled', body: 'Aangekondigd: upgrade op 27 november.' },
      { at: '2026-11-27T09:00:00Z', status: 'in_progress', body: 'De upgrade is begonnen.' },
    ],
  });
