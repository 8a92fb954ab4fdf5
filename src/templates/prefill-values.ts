import {
  affectedMunicipalities,
  chronologicalUpdates,
  continuityPhase,
  guidanceFor,
  incidentReadyTexts,
  deriveIncidentTimes,
  deriveMaintenanceStatus,
  deriveMaintenanceTimes,
  localize,
  type Component,
  type ComponentStatus,
  type ContinuityPhase,
  type Incident,
  type Language,
  type LocalizedText,
  type Maintenance,
  type Municipality,
  type ProductGuidance,
  type Site,
} from '../domain/index.ts';
import { absoluteUrl, paths } from '../site/urls.ts';
import type { TemplateSummary } from './template-catalog.ts';

/** What the prefill needs from the content: the product and municipality catalogues and the site. */
export interface PrefillContext {
  site: Site;
  components: readonly Component[];
  municipalities: readonly Municipality[];
  /** Continuity guidance per product: the default texts for residents, the KCC and the municipality. */
  guidance?: readonly ProductGuidance[];
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
  };
  const phase: ContinuityPhase = template.kind === 'incident_resolved' ? 'after' : continuityPhase(times.status);
  for (const [name, text] of Object.entries(continuityPrefill(template, incident, context, phase))) facts[name] = localize(text, lang).text;
  return declaredOnly(template, facts);
}

/** The phase a message is written for: after recovery when it resolves the incident. */
export function messagePhase(template: Pick<TemplateSummary, 'kind'>, status: string): ContinuityPhase {
  return template.kind === 'incident_resolved' || status === 'resolved' ? 'after' : 'during';
}

/**
 * The texts a message about an incident starts from, for the variables its template declares:
 * the ready-made texts for residents and the KCC (the latest message's for the same phase, else
 * the products' guidance), the workaround (the incident's own, else the guidance's fallback
 * procedure) while it is down, and what to do now that it works again (the guidance's backlog and
 * checks) once resolved. Outage advice is never offered for a message after recovery.
 */
export function continuityPrefill(
  template: Pick<TemplateSummary, 'variables'>,
  incident: Incident,
  context: Pick<PrefillContext, 'components' | 'guidance'>,
  phase: ContinuityPhase,
): Record<string, LocalizedText> {
  const guidance = context.guidance ?? [];
  const products = incident.components.map((id) => ({ id, name: context.components.find((component) => component.id === id)?.name ?? id }));
  const ready = incidentReadyTexts(incident, products, guidance, phase);
  const entries = guidanceFor(guidance, incident.components);
  const perProduct = (text: (entry: ProductGuidance) => LocalizedText): LocalizedText | null => joinPerProduct(entries, products, text);
  const texts: Record<string, LocalizedText | null | undefined> = {
    burgerbericht: ready.burgerbericht?.text,
    kcc_script: ready.kccScript?.text,
    workaround: phase === 'during' ? (incident.workaround ?? perProduct((entry) => entry.during.fallback)) : null,
    follow_up: phase === 'after' ? perProduct((entry) => joinTexts([entry.after.backlog, entry.after.checks])) : null,
  };
  const declared = new Set(template.variables.map((variable) => variable.name));
  const result: Record<string, LocalizedText> = {};
  for (const [name, text] of Object.entries(texts)) if (declared.has(name) && text) result[name] = text;
  return result;
}

/** One text per product, under the product's name when there is more than one. */
function joinPerProduct(entries: readonly ProductGuidance[], products: ReadonlyArray<{ id: string; name: string }>, text: (entry: ProductGuidance) => LocalizedText): LocalizedText | null {
  if (entries.length === 0) return null;
  if (entries.length === 1) return text(entries[0]!);
  const name = (id: string) => products.find((product) => product.id === id)?.name ?? id;
  return joinTexts(entries.map((entry) => text(entry)), entries.map((entry) => `**${name(entry.product)}**`));
}

/** Texts after each other (each under its heading, if given); English only when every part has it. */
function joinTexts(parts: readonly LocalizedText[], headings: readonly string[] = []): LocalizedText {
  const inLanguage = (lang: Language) =>
    parts.map((part, index) => {
      const text = typeof part === 'string' ? (lang === 'nl' ? part : undefined) : lang === 'nl' ? part.nl : part.en;
      return text === undefined ? undefined : headings[index] ? `${headings[index]}\n\n${text}` : text;
    });
  const nl = inLanguage('nl').join('\n\n');
  const en = inLanguage('en');
  return en.every((text) => text !== undefined) ? { nl, en: en.join('\n\n') } : nl;
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
