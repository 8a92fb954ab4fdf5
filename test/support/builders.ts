/**
 * Small builders of realistic domain objects for tests, and the fixtures the tests share. Everything
 * goes through the real zod schemas, so a builder can never produce an object the content loader
 * would refuse.
 */
import {
  ComponentCatalogSchema,
  IncidentSchema,
  MaintenanceSchema,
  MunicipalityListSchema,
  MunicipalitySchema,
  SiteSchema,
  type ComponentStatus,
  type ContentSet,
  type Impact,
  type Incident,
  type IncidentInput,
  type IncidentStatus,
  type Maintenance,
  type MaintenanceInput,
  type MaintenanceStatus,
  type Municipality,
} from '../../src/domain/index.ts';
import type { ContactInput } from '../../src/domain/contact.ts';
import type { MessageDraftInput, MessageSubject } from '../../src/domain/message-lifecycle.ts';

/** The moment the demo content is written around: a Friday afternoon in Utrecht. */
export const DEMO_NOW = new Date('2026-11-27T13:00:00Z');

export const site = SiteSchema.parse({
  url: 'https://status.voorbeeldsoftware.nl',
  page_id: 'vbsw2026hldr',
  vendor: { name: 'Voorbeeld Software B.V.', url: 'https://www.voorbeeldsoftware.nl', support_email: 'servicedesk@voorbeeldsoftware.nl' },
  title: { nl: 'Status van Voorbeeld Software', en: 'Voorbeeld Software status' },
  brand: { primary: '#1d4f91' },
});

const groups = [
  { id: 'burgerzaken', name: { nl: 'Burgerzaken', en: 'Civil affairs' }, order: 1 },
  { id: 'digitale-dienstverlening', name: { nl: 'Digitale dienstverlening', en: 'Digital services' }, order: 2 },
];

export const catalog = ComponentCatalogSchema.parse({
  groups,
  components: [
    { id: 'registra-brp', name: 'Registra BRP', group: 'burgerzaken', order: 1, description: 'Bijhouding van de Basisregistratie Personen.' },
    { id: 'registra-reisdocumenten', name: 'Registra Reisdocumenten', group: 'burgerzaken', order: 2, description: 'Paspoorten en identiteitskaarten.' },
    { id: 'loket-formulieren', name: 'Loket Formulieren', group: 'digitale-dienstverlening', order: 2, description: 'Online formulieren met DigiD.' },
    { id: 'loket-afspraken', name: 'Loket Afspraken', group: 'digitale-dienstverlening', order: 1, description: 'Afspraken maken voor de balie.' },
  ],
});

export const componentIds = catalog.components.map((component) => component.id);

export function municipality(id: string, name: string, products: string[]): Municipality {
  return MunicipalitySchema.parse({ id, name, products });
}

export const utrecht = municipality('GM0344', 'Utrecht', ['registra-brp', 'registra-reisdocumenten', 'loket-formulieren', 'loket-afspraken']);
export const zwolle = municipality('GM0193', 'Zwolle', ['registra-brp', 'loket-afspraken']);
export const sGravenhage = municipality('GM0518', "'s-Gravenhage", ['registra-brp', 'registra-reisdocumenten']);
export const almere = municipality('GM0034', 'Almere', ['loket-formulieren']);
export const municipalities = [utrecht, zwolle, sGravenhage, almere];

type UpdateInput = IncidentInput['updates'][number];

/** One incident update, written the way customer care writes them. */
export function update(
  at: string,
  status: IncidentStatus,
  components: Record<string, ComponentStatus> = {},
  extra: Partial<Pick<UpdateInput, 'next_update_at' | 'body'>> = {},
): UpdateInput {
  const body = extra.body ?? UPDATE_TEXT[status];
  return { at, status, components, body, ...(extra.next_update_at ? { next_update_at: extra.next_update_at } : {}) };
}

const UPDATE_TEXT: Record<IncidentStatus, string> = {
  investigating: 'Medewerkers kunnen niet inloggen. We onderzoeken de oorzaak.',
  identified: 'De oorzaak is gevonden: een verlopen certificaat. We vervangen het.',
  monitoring: 'Het certificaat is vervangen. We houden de koppeling in de gaten.',
  resolved: 'De storing is opgelost. Excuses voor het ongemak.',
};

export function incident(input: Partial<IncidentInput> & Pick<IncidentInput, 'updates'>): Incident {
  return IncidentSchema.parse({
    id: 'registra-brp-storing',
    title: { nl: 'Registra BRP niet bereikbaar', en: 'Registra BRP unavailable' },
    impact: 'major' satisfies Impact,
    components: ['registra-brp'],
    scope: 'all',
    ...input,
  });
}

/**
 * An incident that holds one product at one status from `from` until it is resolved at `to`
 * (or stays open when `to` is omitted).
 */
export function outage(options: {
  id?: string;
  component?: string;
  status?: ComponentStatus;
  from: string;
  to?: string;
  scope?: IncidentInput['scope'];
  impact?: Impact;
  drill?: boolean;
}): Incident {
  const component = options.component ?? 'registra-brp';
  const updates = [update(options.from, 'investigating', { [component]: options.status ?? 'major_outage' })];
  if (options.to) updates.push(update(options.to, 'resolved', { [component]: 'operational' }));
  return incident({
    id: options.id ?? `${component}-storing`,
    components: [component],
    updates,
    ...(options.scope ? { scope: options.scope } : {}),
    ...(options.impact ? { impact: options.impact } : {}),
    ...(options.drill !== undefined ? { drill: options.drill } : {}),
  });
}

export function maintenance(input: Partial<MaintenanceInput> & Pick<MaintenanceInput, 'scheduled_for' | 'scheduled_until'>): Maintenance {
  return MaintenanceSchema.parse({
    id: 'registra-brp-upgrade',
    title: { nl: 'Upgrade Registra BRP naar versie 2027.1', en: 'Registra BRP upgrade to 2027.1' },
    description: 'Registra BRP is tijdens het onderhoud niet beschikbaar. Plan geen balieafspraken voor verhuizingen.',
    components: ['registra-brp'],
    ...input,
  });
}

export function maintenanceUpdate(at: string, status: MaintenanceStatus, body = MAINTENANCE_TEXT[status]) {
  return { at, status, body };
}

const MAINTENANCE_TEXT: Record<MaintenanceStatus, string> = {
  scheduled: 'Het onderhoud is ingepland.',
  in_progress: 'Het onderhoud is begonnen.',
  verifying: 'Het onderhoud is klaar; we controleren of alles werkt.',
  completed: 'Het onderhoud is afgerond. Registra BRP is weer beschikbaar.',
};

/** A complete content set around a catalogue (the small one by default), with the given incidents and maintenance. */
export function contentSet(
  parts: { incidents?: Incident[]; maintenances?: Maintenance[]; municipalities?: Municipality[]; catalog?: Pick<ContentSet, 'groups' | 'components'> } = {},
): ContentSet {
  const { groups: catalogGroups, components } = parts.catalog ?? catalog;
  return {
    site,
    groups: catalogGroups,
    components,
    municipalities: parts.municipalities ?? municipalities,
    incidents: parts.incidents ?? [],
    maintenances: parts.maintenances ?? [],
    guidance: [],
  };
}

/*
 * The published page of the API and feed tests (test/unit/api, test/unit/feeds) at FEED_NOW: a
 * resolved national outage with a postmortem, an open local incident, a drill that must never be
 * published, upcoming and active maintenance.
 */

export const FEED_NOW = new Date('2026-11-27T10:00:00Z');

/** Descriptions in both languages, and a product that shares its slug with a group on purpose: API ids must still differ. */
export const feedCatalog = ComponentCatalogSchema.parse({
  groups,
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
    { id: 'loket-formulieren', name: 'Loket Formulieren', group: 'digitale-dienstverlening', order: 1, description: 'Online formulieren met DigiD en eHerkenning.' },
    { id: 'burgerzaken', name: 'Burgerzaken Portaal', group: 'digitale-dienstverlening', order: 2, description: 'Portaal voor medewerkers burgerzaken.' },
  ],
});

export const feedMunicipalities = MunicipalityListSchema.parse({
  municipalities: [
    { id: 'GM0344', name: 'Utrecht', products: ['registra-brp', 'registra-reisdocumenten', 'loket-formulieren'] },
    { id: 'GM0518', name: "'s-Gravenhage", products: ['registra-brp', 'loket-formulieren'] },
    { id: 'GM0193', name: 'Zwolle', products: ['registra-brp', 'registra-reisdocumenten'] },
  ],
}).municipalities;

/** A content set of the feed catalogue and municipalities. */
export function feedContentSet(parts: { incidents?: Incident[]; maintenances?: Maintenance[] } = {}): ContentSet {
  return contentSet({ ...parts, catalog: feedCatalog, municipalities: feedMunicipalities });
}

/** A national BRP outage, resolved, with a postmortem. */
export const brpOutage = (): Incident =>
  incident({
    id: '2026-11-03-registra-brp-storing',
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

/** A local incident in Zwolle, still open at FEED_NOW. */
export const zwolleOpen = (): Incident =>
  incident({
    id: '2026-11-27-reisdocumenten-zwolle',
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
export const drillIncident = (): Incident =>
  incident({
    id: '2026-11-20-oefening-uitval-datacentrum',
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
  maintenance({
    id: '2026-12-12-vervanging-servers-loket',
    title: { nl: 'Vervanging servers Loket Formulieren', en: 'Replacing the Loket Formulieren servers' },
    description: { nl: 'Formulieren versturen is dan niet mogelijk.', en: 'Sending forms is not possible then.' },
    components: ['loket-formulieren'],
    scheduled_for: '2026-12-12T07:00:00Z',
    scheduled_until: '2026-12-12T11:00:00Z',
  });

export const activeMaintenance = (): Maintenance =>
  maintenance({
    id: '2026-11-27-upgrade-registra',
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

/*
 * The messages of the use-case tests, about the subjects of test/integration/use-cases/messages/fixtures.
 */

/** The content of the message tests: the national Registra BRP outage (live), and its drill twin (drill content only). */
export const MESSAGES_FIXTURE = {
  content: 'test/integration/use-cases/messages/fixtures/content',
  drillContent: 'test/integration/use-cases/messages/fixtures/drill-content',
} as const;

export const INCIDENT: MessageSubject = { kind: 'incident', id: '2026-11-27-registra-brp-landelijke-storing' };
/** Lives only in the drill content directory, as drill incidents do. */
export const DRILL_INCIDENT: MessageSubject = { kind: 'incident', id: '2026-11-27-oefening-landelijke-storing-registra' };

/** An update on the national Registra BRP outage, from the real "update" template, in Dutch and English. */
export function incidentUpdateDraft(overrides: Partial<MessageDraftInput> = {}): MessageDraftInput {
  return {
    subject: INCIDENT,
    template_id: 'update',
    values: {
      nl: {
        incident_title: 'Registra BRP niet bereikbaar',
        affected_products: [
          { id: 'registra-brp', name: 'Registra BRP', status: 'major_outage' },
          { id: 'registra-reisdocumenten', name: 'Registra Reisdocumenten', status: 'partial_outage' },
        ],
        started_at: '2026-11-27T08:05:00Z',
        incident_url: 'https://status.voorbeeldsoftware.nl/incidenten/2026-11-27-registra-brp-landelijke-storing/',
        update_text: 'De oorzaak is gevonden: een verlopen certificaat op de koppeling met de landelijke voorziening.',
        workaround: 'Neem aanvragen voor reisdocumenten op met het papieren noodformulier.',
        burgerbericht: 'Door een storing kunnen wij nu geen verhuizingen verwerken. U kunt een verhuizing gewoon online doorgeven.',
        kcc_script: '- **Zeg:** "Door een storing kunnen wij nu geen verhuizingen verwerken. Er wordt aan gewerkt."',
      },
      en: {
        incident_title: 'Registra BRP unavailable',
        update_text: 'We found the cause: an expired certificate on the link with the national facility.',
        workaround: 'Take travel-document applications on the paper fallback form.',
        burgerbericht: 'Because of an outage we cannot process changes of address right now. You can still report a move online.',
        kcc_script: '- **Say:** "Because of an outage we cannot process changes of address right now. It is being worked on."',
      },
    },
    status: 'identified',
    components: { 'registra-brp': 'major_outage', 'registra-reisdocumenten': 'partial_outage' },
    next_update_at: '2026-11-27T09:30:00Z',
    ...overrides,
  };
}

/** The resolution of the national Registra BRP outage, from the real "opgelost" template, with texts for after recovery. */
export function resolutionDraft(overrides: Partial<MessageDraftInput> = {}): MessageDraftInput {
  return {
    subject: INCIDENT,
    template_id: 'opgelost',
    values: {
      nl: {
        incident_title: 'Registra BRP niet bereikbaar',
        affected_products: [
          { id: 'registra-brp', name: 'Registra BRP', status: 'operational' },
          { id: 'registra-reisdocumenten', name: 'Registra Reisdocumenten', status: 'operational' },
        ],
        started_at: '2026-11-27T08:05:00Z',
        resolved_at: '2026-11-27T10:12:00Z',
        incident_url: 'https://status.voorbeeldsoftware.nl/incidenten/2026-11-27-registra-brp-landelijke-storing/',
        resolution: 'Wij hebben het verlopen certificaat vervangen en de verbinding getest.',
        burgerbericht: 'De storing is voorbij. Verhuizingen en uittreksels werken weer. U hoeft niets te doen.',
        kcc_script: '- **Zeg:** "De storing is voorbij. Verhuizingen en uittreksels werken weer."',
      },
    },
    status: 'resolved',
    components: { 'registra-brp': 'operational', 'registra-reisdocumenten': 'operational' },
    ...overrides,
  };
}

/** The contacts of the drill tests: three who receive the shipped national scenario, and Rotterdam, which the scenario leaves out. */
export const DRILL_CONTACTS: readonly ContactInput[] = [
  { municipality: 'GM0344', name: 'Servicedesk Burgerzaken Utrecht', email: 'servicedesk.burgerzaken@utrecht.example.nl', role: 'servicedesk', language: 'nl', products: 'all' },
  { municipality: 'GM0363', name: 'Applicatiebeheer Amsterdam', email: 'applicatiebeheer@amsterdam.example.nl', role: 'applicatiebeheerder', language: 'en', products: ['registra-brp'] },
  { municipality: 'GM0772', name: 'Burgerzaken Eindhoven', email: 'burgerzaken@eindhoven.example.nl', role: 'servicedesk', language: 'nl', products: 'all' },
  { municipality: 'GM0599', name: 'Functioneel beheer Rotterdam', email: 'functioneelbeheer@rotterdam.example.nl', role: 'functioneel beheerder', language: 'nl', products: 'all' },
];
