import { amsterdamDay, startOfAmsterdamDay } from './amsterdam-time.ts';
import { affectedMunicipalities, touchesMunicipality } from './audience.ts';
import { componentStatusesFromWindows } from './component-status.ts';
import type { Component, ComponentGroup } from './component.ts';
import type { ProductGuidance } from './guidance.ts';
import { chronologicalUpdates, deriveIncidentTimes, incidentStatusWindows, type Incident, type IncidentTimes, type IncidentUpdate, type StatusWindow } from './incident.ts';
import { deriveMaintenanceStatus, deriveMaintenanceTimes, type Maintenance, type MaintenanceUpdate } from './maintenance.ts';
import type { Municipality } from './municipality.ts';
import { compareNames } from './municipality-search.ts';
import { pageIndicator, type PageIndicator } from './page-indicator.ts';
import type { Site } from './site.ts';
import { dailyUptimeOfWindows, overallUptime, type DayUptime, type IncidentStatusWindow } from './uptime.ts';
import { worstComponentStatus, type ComponentStatus, type MaintenanceStatus } from './vocabulary.ts';

/** Everything content/ holds, validated. */
export interface ContentSet {
  site: Site;
  groups: ComponentGroup[];
  components: Component[];
  municipalities: Municipality[];
  incidents: Incident[];
  maintenances: Maintenance[];
  /** Continuity guidance, one per product (content/guidance/). */
  guidance: ProductGuidance[];
}

export interface PublicComponent {
  component: Component;
  status: ComponentStatus;
  /** When the current status began, if an incident or maintenance set it. */
  statusSince: Date | null;
  uptimeDays: DayUptime[];
  /** Share of the uptime period the product was up, 0..1. */
  uptime: number;
}

export interface PublicGroup {
  group: ComponentGroup;
  status: ComponentStatus;
  components: PublicComponent[];
}

export interface PublicIncident {
  incident: Incident;
  times: IncidentTimes;
  /**
   * The promised next update's time has passed at the build time and no update came: the page
   * says "nog niet ontvangen". The publisher rebuilds at the promised time (nextTimeBasedChange),
   * so the mark appears without anyone editing content.
   */
  nextUpdateMissed: boolean;
  /** Newest first, as every surface shows them. */
  updates: IncidentUpdate[];
  components: Component[];
  municipalities: Municipality[];
}

export interface PublicMaintenance {
  maintenance: Maintenance;
  status: MaintenanceStatus;
  startedAt: Date | null;
  completedAt: Date | null;
  updatedAt: Date;
  /** Newest first. */
  updates: MaintenanceUpdate[];
  components: Component[];
  municipalities: Municipality[];
}

/** The one view every public surface (pages, API, feeds, iCal) maps from. */
export interface ReadModel {
  generatedAt: Date;
  site: Site;
  indicator: PageIndicator;
  groups: PublicGroup[];
  /** All products in page order. */
  components: PublicComponent[];
  /** Newest first by start. */
  incidents: PublicIncident[];
  unresolvedIncidents: PublicIncident[];
  /** Latest scheduled start first. */
  maintenances: PublicMaintenance[];
  /** Still scheduled, soonest first. */
  upcomingMaintenances: PublicMaintenance[];
  /** In progress or verifying. */
  activeMaintenances: PublicMaintenance[];
  /** Sorted by name. */
  municipalities: Municipality[];
  /** Continuity guidance per product, in page order of the products. */
  guidance: ProductGuidance[];
}

export const UPTIME_DAYS = 90;

/**
 * Derives the public view. This is the single gate: drill incidents and drill maintenance are
 * dropped here, and so are incidents whose opening still waits for approval, so no page, feed or
 * API response can show them.
 */
export function buildReadModel(content: ContentSet, now: Date): ReadModel {
  const incidents = content.incidents.filter((incident) => !incident.drill && !incident.awaiting_approval);
  const maintenances = content.maintenances.filter((maintenance) => !maintenance.drill);
  const groupOrder = new Map(content.groups.map((group) => [group.id, group.order]));
  const orderedComponents = [...content.components].sort(
    (a, b) => (groupOrder.get(a.group) ?? 0) - (groupOrder.get(b.group) ?? 0) || a.order - b.order || a.name.localeCompare(b.name, 'nl'),
  );
  const componentById = new Map(orderedComponents.map((component) => [component.id, component]));
  const components = publicComponents(orderedComponents, incidents, maintenances, now);

  const groups: PublicGroup[] = [...content.groups]
    .sort((a, b) => a.order - b.order)
    .map((group) => {
      const members = components.filter((entry) => entry.component.group === group.id);
      return { group, status: worstComponentStatus(members.map((entry) => entry.status)), components: members };
    })
    .filter((group) => group.components.length > 0);

  const pick = (ids: readonly string[]) => ids.map((id) => componentById.get(id)).filter((component) => component !== undefined);

  const publicIncidents: PublicIncident[] = incidents
    .map((incident) => ({ incident, times: deriveIncidentTimes(incident) }))
    .map(({ incident, times }) => ({
      incident,
      times,
      nextUpdateMissed: times.nextUpdateAt !== null && times.nextUpdateAt.getTime() <= now.getTime(),
      updates: chronologicalUpdates(incident.updates).reverse(),
      components: pick(incident.components),
      municipalities: affectedMunicipalities(incident, content.municipalities),
    }))
    .sort((a, b) => b.times.startedAt.getTime() - a.times.startedAt.getTime() || a.incident.id.localeCompare(b.incident.id));

  const publicMaintenances: PublicMaintenance[] = maintenances
    .map((maintenance) => ({
      maintenance,
      status: deriveMaintenanceStatus(maintenance, now),
      ...deriveMaintenanceTimes(maintenance, now),
      updates: [...maintenance.updates].sort((a, b) => b.at.getTime() - a.at.getTime()),
      components: pick(maintenance.components),
      municipalities: affectedMunicipalities(maintenance, content.municipalities),
    }))
    .sort((a, b) => b.maintenance.scheduled_for.getTime() - a.maintenance.scheduled_for.getTime());

  const unresolvedIncidents = publicIncidents.filter((entry) => entry.times.status !== 'resolved');

  return {
    generatedAt: now,
    site: content.site,
    indicator: pageIndicator(
      components.map((entry) => entry.status),
      unresolvedIncidents.map((entry) => entry.incident.impact),
    ),
    groups,
    components,
    incidents: publicIncidents,
    unresolvedIncidents,
    maintenances: publicMaintenances,
    upcomingMaintenances: publicMaintenances.filter((entry) => entry.status === 'scheduled').reverse(),
    activeMaintenances: publicMaintenances.filter((entry) => entry.status === 'in_progress' || entry.status === 'verifying'),
    municipalities: [...content.municipalities].sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    guidance: orderedComponents.flatMap((component) => content.guidance.filter((entry) => entry.product === component.id)),
  };
}

/** Everything the page of one product shows. */
export interface ProductView {
  entry: PublicComponent;
  group: ComponentGroup | null;
  guidance: ProductGuidance | null;
  /** Incidents that affected this product, newest first. */
  incidents: PublicIncident[];
  unresolvedIncidents: PublicIncident[];
  /** In progress or verifying. */
  activeMaintenances: PublicMaintenance[];
  /** Still scheduled, soonest first. */
  upcomingMaintenances: PublicMaintenance[];
  maintenances: PublicMaintenance[];
  /** The municipalities that use this product, in alphabetical order as people look them up. */
  municipalities: Municipality[];
}

/** The product page's selection from the read model; null for an id that is not a product. */
export function productView(model: ReadModel, componentId: string): ProductView | null {
  let views = productViews.get(model);
  if (!views) {
    views = new Map();
    productViews.set(model, views);
  }
  const cached = views.get(componentId);
  if (cached !== undefined) return cached;
  const entry = model.components.find((candidate) => candidate.component.id === componentId);
  let view: ProductView | null = null;
  if (entry) {
    const incidents = model.incidents.filter((candidate) => candidate.incident.components.includes(componentId));
    const maintenances = model.maintenances.filter((candidate) => candidate.maintenance.components.includes(componentId));
    view = {
      entry,
      group: model.groups.find((candidate) => candidate.group.id === entry.component.group)?.group ?? null,
      guidance: model.guidance.find((candidate) => candidate.product === componentId) ?? null,
      incidents,
      unresolvedIncidents: incidents.filter((candidate) => candidate.times.status !== 'resolved'),
      activeMaintenances: maintenances.filter((candidate) => candidate.status === 'in_progress' || candidate.status === 'verifying'),
      upcomingMaintenances: maintenances.filter((candidate) => candidate.status === 'scheduled').reverse(),
      maintenances,
      municipalities: model.municipalities.filter((municipality) => municipality.products.includes(componentId)).sort((a, b) => compareNames(a.name, b.name)),
    };
  }
  views.set(componentId, view);
  return view;
}

const productViews = new WeakMap<ReadModel, Map<string, ProductView | null>>();

/** The part of the read model one municipality cares about: its products and what touches it. */
export interface MunicipalityView {
  municipality: Municipality;
  indicator: PageIndicator;
  components: PublicComponent[];
  incidents: PublicIncident[];
  unresolvedIncidents: PublicIncident[];
  maintenances: PublicMaintenance[];
  upcomingMaintenances: PublicMaintenance[];
  activeMaintenances: PublicMaintenance[];
}

/**
 * Statuses, uptime and the indicator are recomputed from what touches this municipality: a local
 * outage scoped to another gemeente must not paint a shared product red on this page.
 */
export function municipalityView(model: ReadModel, municipality: Municipality): MunicipalityView {
  // A municipality has a page per language; the view is the same for both.
  return perMunicipality(municipalityViews, model, municipality, deriveMunicipalityView);
}

/** The incidents and maintenance (newest first, as in the read model) that touch a municipality. */
export interface MunicipalityRecords {
  incidents: PublicIncident[];
  maintenances: PublicMaintenance[];
}

/**
 * What touches one municipality, selected once per read model: its page and its six feeds all
 * need the same selection. The arrays are shared, so callers must not change them.
 */
export function municipalityRecords(model: ReadModel, municipality: Municipality): MunicipalityRecords {
  return perMunicipality(municipalityRecordSets, model, municipality, (source, subject) => ({
    incidents: source.incidents.filter((entry) => touchesMunicipality(entry.incident, subject)),
    maintenances: source.maintenances.filter((entry) => touchesMunicipality(entry.maintenance, subject)),
  }));
}

const municipalityViews = new WeakMap<ReadModel, Map<Municipality, MunicipalityView>>();
const municipalityRecordSets = new WeakMap<ReadModel, Map<Municipality, MunicipalityRecords>>();

/** A read model never changes once built, so whatever is derived from it can be kept with it. */
function perMunicipality<T>(
  cache: WeakMap<ReadModel, Map<Municipality, T>>,
  model: ReadModel,
  municipality: Municipality,
  derive: (model: ReadModel, municipality: Municipality) => T,
): T {
  let values = cache.get(model);
  if (!values) {
    values = new Map();
    cache.set(model, values);
  }
  let value = values.get(municipality);
  if (value === undefined) {
    value = derive(model, municipality);
    values.set(municipality, value);
  }
  return value;
}

function deriveMunicipalityView(model: ReadModel, municipality: Municipality): MunicipalityView {
  const { incidents, maintenances } = municipalityRecords(model, municipality);
  const components = publicComponents(
    model.components.map((entry) => entry.component).filter((component) => municipality.products.includes(component.id)),
    incidents.map((entry) => entry.incident),
    maintenances.map((entry) => entry.maintenance),
    model.generatedAt,
  );
  const unresolvedIncidents = incidents.filter((entry) => entry.times.status !== 'resolved');
  return {
    municipality,
    indicator: pageIndicator(
      components.map((entry) => entry.status),
      unresolvedIncidents.map((entry) => entry.incident.impact),
    ),
    components,
    incidents,
    unresolvedIncidents,
    maintenances,
    upcomingMaintenances: maintenances.filter((entry) => entry.status === 'scheduled').reverse(),
    activeMaintenances: maintenances.filter((entry) => entry.status === 'in_progress' || entry.status === 'verifying'),
  };
}

/** Status and uptime of each product, in the order given, from the given incidents and maintenance. */
function publicComponents(
  components: readonly Component[],
  incidents: readonly Incident[],
  maintenances: readonly Maintenance[],
  now: Date,
): PublicComponent[] {
  const windowsByComponent = new Map<string, IncidentStatusWindow[]>(components.map((component) => [component.id, []]));
  for (const incident of incidents) {
    for (const window of statusWindowsOf(incident)) windowsByComponent.get(window.componentId)?.push(window);
  }
  const statuses = componentStatusesFromWindows(
    components.map((component) => component.id),
    [...windowsByComponent.values()].flat(),
    maintenances,
    now,
  );
  return components.map((component) => {
    const windows = windowsByComponent.get(component.id) ?? [];
    const uptimeDays = dailyUptimeOfWindows(windows, now, UPTIME_DAYS);
    return {
      component,
      status: statuses.get(component.id) ?? 'operational',
      statusSince: statusSince(component.id, windows, maintenances, now),
      uptimeDays,
      uptime: overallUptime(uptimeDays),
    };
  });
}

/** Content does not change during a build; the site and every municipality view read the same windows. */
const windowsByIncident = new WeakMap<Incident, readonly IncidentStatusWindow[]>();

function statusWindowsOf(incident: Incident): readonly IncidentStatusWindow[] {
  let windows = windowsByIncident.get(incident);
  if (!windows) {
    windows = incidentStatusWindows(incident).map((window: StatusWindow) => ({ ...window, incidentId: incident.id }));
    windowsByIncident.set(incident, windows);
  }
  return windows;
}

/** The latest moment at or before `now` when an incident or maintenance changed this product. */
function statusSince(componentId: string, windows: readonly StatusWindow[], maintenances: readonly Maintenance[], now: Date): Date | null {
  let latest: number | null = null;
  const consider = (instant: Date | null | undefined) => {
    if (!instant || instant.getTime() > now.getTime()) return;
    if (latest === null || instant.getTime() > latest) latest = instant.getTime();
  };
  for (const window of windows) {
    consider(window.start);
    consider(window.end);
  }
  for (const maintenance of maintenances) {
    if (!maintenance.components.includes(componentId)) continue;
    const times = deriveMaintenanceTimes(maintenance, now);
    consider(times.startedAt);
    consider(times.completedAt);
  }
  return latest === null ? null : new Date(latest);
}

/**
 * When the public record last changed, as "Bijgewerkt op" tells the reader: the newest update of
 * an incident or maintenance (or the start or end of a maintenance window) that has happened by
 * `now`. Not the build time: a rebuild at midnight changes nothing a reader cares about, and
 * every build of the same content must give the same bytes. A record without any change yet
 * answers the start of today (Amsterdam): the daily rebuild confirms it then.
 */
export function lastChangeAt(view: { incidents: readonly PublicIncident[]; maintenances: readonly PublicMaintenance[] }, now: Date): Date {
  let latest = Number.NEGATIVE_INFINITY;
  const consider = (instant: Date | null | undefined) => {
    if (instant && instant.getTime() <= now.getTime() && instant.getTime() > latest) latest = instant.getTime();
  };
  for (const entry of view.incidents) for (const update of entry.updates) consider(update.at);
  for (const entry of view.maintenances) {
    for (const update of entry.updates) consider(update.at);
    consider(entry.startedAt);
    consider(entry.completedAt);
  }
  return Number.isFinite(latest) ? new Date(latest) : startOfAmsterdamDay(amsterdamDay(now));
}
