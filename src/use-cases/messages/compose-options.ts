import { deriveIncidentTimes, localize, type Incident, type Language, type Maintenance } from '../../domain/index.ts';
import { findRunningDrill } from '../../store/drills-repository.ts';
import { listMessages } from '../../store/messages-repository.ts';
import type { MessageDraft, MessageSubject } from '../../domain/message-lifecycle.ts';
import { absoluteUrl, paths } from '../../site/urls.ts';
import type { TemplateKind, TemplateSummary } from '../../templates/index.ts';
import { continuityPrefill, messagePhase } from '../../templates/prefill-values.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

/** The incident or maintenance a message is composed about. */
export type ComposeSubject = { kind: 'incident'; record: Incident } | { kind: 'maintenance'; record: Maintenance };

const KINDS_FOR: Record<'incident' | 'maintenance', readonly TemplateKind[]> = {
  incident: ['incident_opened', 'incident_update', 'incident_resolved', 'notice'],
  maintenance: ['maintenance_announced', 'maintenance_started', 'maintenance_completed', 'notice'],
};

/** Open incidents and maintenance of the context: what a new message can be about. */
export function listComposeSubjects(ctx: UseCaseContext, caller: Caller): ComposeSubject[] {
  authorise(caller, 'message.compose');
  const content = ctx.content.read();
  return [
    ...content.incidents.filter((incident) => deriveIncidentTimes(incident).status !== 'resolved').map((record) => ({ kind: 'incident' as const, record })),
    ...content.maintenances.filter((maintenance) => !maintenance.updates.some((update) => update.status === 'completed')).map((record) => ({ kind: 'maintenance' as const, record })),
  ];
}

/** The subject a message is about, in this context's content, or null. */
export function findComposeSubject(ctx: UseCaseContext, caller: Caller, subject: MessageSubject): ComposeSubject | null {
  authorise(caller, 'message.view');
  const content = ctx.content.read();
  if (subject.kind === 'incident') {
    const record = content.incidents.find((incident) => incident.id === subject.id);
    return record ? { kind: 'incident', record } : null;
  }
  const record = content.maintenances.find((maintenance) => maintenance.id === subject.id);
  return record ? { kind: 'maintenance', record } : null;
}

/** The templates a message about this kind of subject can use. */
export function templatesFor(ctx: UseCaseContext, kind: 'incident' | 'maintenance'): TemplateSummary[] {
  return ctx.templates.list().filter((template) => KINDS_FOR[kind].includes(template.kind));
}

/** Any template by id (a saved draft keeps its template even if it no longer fits the subject). */
export function findTemplate(ctx: UseCaseContext, id: string): TemplateSummary | null {
  return ctx.templates.list().find((template) => template.id === id) ?? null;
}

/** What staff call a template ("Update over een storing"); its id only if the template is gone. */
export function templateName(ctx: UseCaseContext, id: string, lang: Language): string {
  return findTemplate(ctx, id)?.name[lang] ?? id;
}

/** The status a template's message usually sets. */
function defaultStatus(subject: ComposeSubject, template: TemplateSummary): string {
  if (template.kind === 'incident_resolved') return 'resolved';
  if (template.kind === 'maintenance_announced') return 'scheduled';
  if (template.kind === 'maintenance_started') return 'in_progress';
  if (template.kind === 'maintenance_completed') return 'completed';
  if (subject.kind === 'incident') return deriveIncidentTimes(subject.record).status;
  return subject.record.updates.at(-1)?.status ?? 'scheduled';
}

function roundUp(instant: Date): Date {
  const step = 5 * 60_000;
  return new Date(Math.ceil(instant.getTime() / step) * step);
}

/**
 * A new message's starting point, filled in from the subject: the facts a composer would
 * otherwise copy by hand under stress (title, start, workaround, links, product statuses, a next
 * update half an hour ahead). Every value stays editable on the form.
 */
export function prefillDraft(ctx: UseCaseContext, subject: ComposeSubject, template: TemplateSummary): MessageDraft {
  const now = ctx.clock.now();
  const nl: Record<string, unknown> = {};
  const en: Record<string, unknown> = {};
  const set = (name: string, dutch: unknown, english?: unknown) => {
    if (!template.variables.some((variable) => variable.name === name)) return;
    if (dutch !== null && dutch !== undefined) nl[name] = dutch;
    if (english !== null && english !== undefined && english !== dutch) en[name] = english;
  };
  const english = (text: Parameters<typeof localize>[0]) => (localize(text, 'en').lang === 'en' ? localize(text, 'en').text : null);
  const status = defaultStatus(subject, template);
  const components: Record<string, string> = {};
  let nextUpdateAt: Date | undefined;
  if (subject.kind === 'incident') {
    const incident = subject.record;
    const times = deriveIncidentTimes(incident);
    set('incident_title', localize(incident.title, 'nl').text, english(incident.title));
    set('impact', incident.impact);
    set('started_at', times.startedAt.toISOString());
    set('resolved_at', (times.resolvedAt ?? now).toISOString());
    // A drill incident has no public page: its mail links to the drill's preview of the status page.
    if (ctx.drill) set('incident_url', drillPreviewUrl(ctx));
    else set('incident_url', absoluteUrl(ctx.publicUrl, paths.incident('nl', incident.id)), absoluteUrl(ctx.publicUrl, paths.incident('en', incident.id)));
    if (incident.workaround) set('workaround', localize(incident.workaround, 'nl').text, english(incident.workaround));
    // Texts for residents, the KCC and the municipality from the products' continuity guidance, for the message's phase.
    for (const [name, text] of Object.entries(continuityPrefill(template, incident, ctx.content.read(), messagePhase(template, status)))) {
      set(name, localize(text, 'nl').text, english(text));
    }
    const latest = [...incident.updates].sort((a, b) => a.at.getTime() - b.at.getTime()).at(-1);
    Object.assign(components, latest?.components ?? {});
    for (const id of incident.components) components[id] ??= 'major_outage';
    // What people notice is what the incident's first update said; the composer sharpens it.
    const first = [...incident.updates].sort((a, b) => a.at.getTime() - b.at.getTime())[0];
    if (first) set('symptoms', localize(first.body, 'nl').text, english(first.body));
    // A time already promised on the incident stands: a default would silently break that promise.
    const promised = latest?.next_update_at && latest.next_update_at.getTime() > now.getTime() ? latest.next_update_at : null;
    if (status !== 'resolved') nextUpdateAt = promised ?? roundUp(new Date(now.getTime() + 30 * 60_000));
  } else {
    const maintenance = subject.record;
    set('maintenance_title', localize(maintenance.title, 'nl').text, english(maintenance.title));
    set('scheduled_for', maintenance.scheduled_for.toISOString());
    set('scheduled_until', maintenance.scheduled_until.toISOString());
    set('started_at', (maintenance.updates.find((update) => update.status === 'in_progress')?.at ?? maintenance.scheduled_for).toISOString());
    set('completed_at', now.toISOString());
    if (ctx.drill) set('maintenance_url', drillPreviewUrl(ctx));
    else set('maintenance_url', absoluteUrl(ctx.publicUrl, paths.maintenance('nl', maintenance.id)), absoluteUrl(ctx.publicUrl, paths.maintenance('en', maintenance.id)));
  }
  return {
    subject: { kind: subject.kind, id: subject.record.id },
    template_id: template.id,
    values: { nl, ...(Object.keys(en).length > 0 ? { en } : {}) },
    status,
    components: components as MessageDraft['components'],
    ...(nextUpdateAt ? { next_update_at: nextUpdateAt } : {}),
    drill: ctx.drill,
  };
}

/**
 * The admin's preview of the status page as the running drill shows it: where a drill mail's
 * incident link goes, since a drill never publishes. The drill list when none is running.
 */
function drillPreviewUrl(ctx: UseCaseContext): string {
  const running = findRunningDrill(ctx.db);
  return new URL(running ? `/admin/oefeningen/${running.id}/voorbeeld` : '/admin/oefeningen', ctx.config.adminUrl).href;
}

/**
 * The template a message about this subject most likely needs now, preselected on the compose
 * screen: the first message of an incident by its scope (national or local: a local template
 * requires the affected municipalities), an update once a message went out or is on its way,
 * the resolution once it is resolved; for maintenance the template of its current state.
 */
export function suggestTemplate(ctx: UseCaseContext, subject: ComposeSubject): TemplateSummary | null {
  const available = templatesFor(ctx, subject.kind);
  const ofKind = (kind: TemplateKind) => available.filter((template) => template.kind === kind);
  if (subject.kind === 'maintenance') {
    const status = subject.record.updates.at(-1)?.status ?? 'scheduled';
    const kind: TemplateKind = status === 'in_progress' ? 'maintenance_started' : status === 'completed' ? 'maintenance_completed' : 'maintenance_announced';
    return ofKind(kind)[0] ?? null;
  }
  const incident = subject.record;
  if (deriveIncidentTimes(incident).status === 'resolved') return ofKind('incident_resolved')[0] ?? null;
  const informed = listMessages(ctx.db, { subject: { kind: 'incident', id: incident.id }, states: ['submitted', 'approved', 'published'], limit: 1 }).length > 0;
  if (informed) return ofKind('incident_update')[0] ?? null;
  const local = incident.scope !== 'all';
  const opened = ofKind('incident_opened');
  const namesMunicipalities = (template: TemplateSummary) => template.variables.some((variable) => variable.name === 'affected_municipalities' && variable.required);
  return opened.find((template) => namesMunicipalities(template) === local) ?? opened[0] ?? null;
}
