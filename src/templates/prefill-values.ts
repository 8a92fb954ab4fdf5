import {
  affectedMunicipalities,
  chronologicalUpdates,
  deriveIncidentTimes,
  deriveMaintenanceStatus,
  deriveMaintenanceTimes,
  localize,
  type Component,
  type ComponentStatus,
  type Incident,
  type Language,
  type Maintenance,
  type Municipality,
  type Site,
} from '../domain/index.ts';
import { absoluteUrl, paths } from '../site/urls.ts';
import type { TemplateSummary } from './template-catalog.ts';

/** What the prefill needs from the content: the product and municipality catalogues and the site. */
export interface PrefillContext {
  site: Site;
  components: readonly Component[];
  municipalities: readonly Municipality[];
}

/**
 * The facts of an incident as values for a template's system variables, so customer care only
 * types what a record cannot know. Only the variables the template declares are returned; the
 * form shows them editable, and the values schema validates them like anything typed.
 */
export function prefillFromIncident(template: TemplateSummary, incident: Incident, context: PrefillContext, lang: Language): Record<string, unknown> {
  const times = deriveIncidentTimes(incident);
  const statuses = new Map<string, ComponentStatus>();
  for (const update of chronologicalUpdates(incident.updates)) {
    for (const [componentId, status] of Object.entries(update.components)) statuses.set(componentId, status);
  }
  const resolved = times.status === 'resolved';
  const facts: Record<string, unknown> = {
    incident_title: localize(incident.title, lang).text,
    impact: incident.impact,
    incident_status: times.status,
    affected_products: products(incident.components, context, (id) => (resolved ? 'operational' : (statuses.get(id) ?? null))),
    affected_municipalities: municipalities(incident, context),
    started_at: times.startedAt.toISOString(),
    next_update_at: times.nextUpdateAt?.toISOString() ?? null,
    resolved_at: times.resolvedAt?.toISOString() ?? null,
    incident_url: absoluteUrl(context.site.url, paths.incident(lang, incident.id)),
    workaround: incident.workaround ? localize(incident.workaround, lang).text : null,
  };
  return declaredOnly(template, facts);
}

/** The facts of a maintenance at `now`, as values for a template's system variables. */
export function prefillFromMaintenance(template: TemplateSummary, maintenance: Maintenance, context: PrefillContext, lang: Language, now: Date): Record<string, unknown> {
  const status = deriveMaintenanceStatus(maintenance, now);
  const times = deriveMaintenanceTimes(maintenance, now);
  const facts: Record<string, unknown> = {
    maintenance_title: localize(maintenance.title, lang).text,
    affected_products: products(maintenance.components, context, () => (status === 'completed' ? 'operational' : 'under_maintenance')),
    affected_municipalities: municipalities(maintenance, context),
    scheduled_for: maintenance.scheduled_for.toISOString(),
    scheduled_until: maintenance.scheduled_until.toISOString(),
    started_at: times.startedAt?.toISOString() ?? null,
    completed_at: times.completedAt?.toISOString() ?? null,
    maintenance_url: absoluteUrl(context.site.url, paths.maintenance(lang, maintenance.id)),
    impact_description: localize(maintenance.description, lang).text,
  };
  return declaredOnly(template, facts);
}

function products(ids: readonly string[], context: PrefillContext, statusOf: (id: string) => ComponentStatus | null) {
  const byId = new Map(context.components.map((component) => [component.id, component]));
  return ids.map((id) => ({ id, name: byId.get(id)?.name ?? id, status: statusOf(id) }));
}

function municipalities(subject: Pick<Incident, 'components' | 'scope'>, context: PrefillContext) {
  return affectedMunicipalities(subject, context.municipalities)
    .map((municipality) => ({ id: municipality.id, name: municipality.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

function declaredOnly(template: TemplateSummary, facts: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const variable of template.variables) {
    if (Object.hasOwn(facts, variable.name) && facts[variable.name] !== null) values[variable.name] = facts[variable.name];
  }
  return values;
}
