/**
 * Small builders of realistic domain objects for tests. Everything goes through the real zod
 * schemas, so a builder can never produce an object the content loader would refuse.
 */
import {
  ComponentCatalogSchema,
  IncidentSchema,
  MaintenanceSchema,
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

/** The moment the demo content is written around: a Friday afternoon in Utrecht. */
export const DEMO_NOW = new Date('2026-11-27T13:00:00Z');

export const site = SiteSchema.parse({
  url: 'https://status.voorbeeldsoftware.nl',
  page_id: 'vbsw2026hldr',
  vendor: { name: 'Voorbeeld Software B.V.', support_email: 'servicedesk@voorbeeldsoftware.nl' },
  title: { nl: 'Status van Voorbeeld Software', en: 'Voorbeeld Software status' },
  brand: { primary: '#1d4f91' },
});

export const catalog = ComponentCatalogSchema.parse({
  groups: [
    { id: 'burgerzaken', name: { nl: 'Burgerzaken', en: 'Civil affairs' }, order: 1 },
    { id: 'digitale-dienstverlening', name: { nl: 'Digitale dienstverlening', en: 'Digital services' }, order: 2 },
  ],
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

/** A complete content set around the small catalog, with the given incidents and maintenance. */
export function contentSet(parts: { incidents?: Incident[]; maintenances?: Maintenance[]; municipalities?: Municipality[] } = {}): ContentSet {
  return {
    site,
    groups: catalog.groups,
    components: catalog.components,
    municipalities: parts.municipalities ?? municipalities,
    incidents: parts.incidents ?? [],
    maintenances: parts.maintenances ?? [],
    guidance: [],
  };
}
