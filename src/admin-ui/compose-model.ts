import type { HelderApp } from '../app/helder-app.ts';
import { computeApproval } from '../admin/messages/approval-content.ts';
import {
  affectedMunicipalities,
  deriveIncidentTimes,
  INCIDENT_STATUSES,
  localize,
  MAINTENANCE_STATUSES,
  type ContentSet,
  type Incident,
  type Language,
  type Maintenance,
} from '../domain/index.ts';
import type { ApprovalContent } from '../domain/approval-hash.ts';
import { parseDraft } from '../admin/messages/parse-draft.ts';
import type { MessageDraft, MessageDraftInput, MessageSubject } from '../domain/message-lifecycle.ts';
import { adminMessages, type AdminMessages } from '../i18n/admin-messages.ts';
import { absoluteUrl, paths } from '../site/urls.ts';
import type { TemplateKind, TemplateSummary, VariableSummary } from '../templates/index.ts';
import { continuityPrefill, messagePhase } from '../templates/prefill-values.ts';
import { fromAmsterdamInput, toAmsterdamInput } from './amsterdam-input.ts';
import { refusalErrors, type FieldError } from './form-errors.ts';
import { productStatuses } from './form-values.ts';

/**
 * The compose form, generated from a template's variable declarations: which variables staff
 * type, which are prefilled from the incident or maintenance (and may be corrected), and which
 * follow from the message's own fields (product list, municipalities, next update, status). The
 * preview renders through computeApproval: exactly the path submit and approval take.
 */

export type Subject = { kind: 'incident'; record: Incident } | { kind: 'maintenance'; record: Maintenance };

export interface ComposeField {
  variable: VariableSummary;
  /** Form name of the Dutch (or only) value: var_<name>; English: var_<name>_en. */
  name: string;
  input: 'text' | 'textarea' | 'datetime-local' | 'number' | 'url' | 'checkbox' | 'select';
  /** Has an English value of its own (texts and addresses). */
  translatable: boolean;
}

/** Variables the form never shows: the message's own fields decide them. */
const BOUND_VARIABLES = new Set(['next_update_at', 'incident_status']);

const KINDS_FOR: Record<'incident' | 'maintenance', readonly TemplateKind[]> = {
  incident: ['incident_opened', 'incident_update', 'incident_resolved', 'notice'],
  maintenance: ['maintenance_announced', 'maintenance_started', 'maintenance_completed', 'notice'],
};

export function templatesFor(templates: readonly TemplateSummary[], kind: 'incident' | 'maintenance'): TemplateSummary[] {
  return templates.filter((template) => KINDS_FOR[kind].includes(template.kind));
}

export function findSubject(content: ContentSet, subject: MessageSubject): Subject | null {
  if (subject.kind === 'incident') {
    const record = content.incidents.find((incident) => incident.id === subject.id);
    return record ? { kind: 'incident', record } : null;
  }
  const record = content.maintenances.find((maintenance) => maintenance.id === subject.id);
  return record ? { kind: 'maintenance', record } : null;
}

/** Variables shown as form fields, in manifest order. */
export function composeFields(template: TemplateSummary): ComposeField[] {
  return template.variables
    .filter((variable) => !BOUND_VARIABLES.has(variable.name) && variable.type !== 'component_list' && variable.type !== 'municipality_list')
    .map((variable) => ({
      variable,
      name: `var_${variable.name}`,
      input:
        variable.type === 'markdown' || variable.type === 'paragraphs'
          ? 'textarea'
          : variable.type === 'datetime'
            ? 'datetime-local'
            : variable.type === 'duration'
              ? 'number'
              : variable.type === 'url'
                ? 'url'
                : variable.type === 'boolean'
                  ? 'checkbox'
                  : variable.type === 'choice'
                    ? 'select'
                    : 'text',
      translatable: variable.type === 'text' || variable.type === 'markdown' || variable.type === 'paragraphs' || variable.type === 'url',
    }));
}

/** Variables whose value follows from the subject and the message's product statuses. */
export function derivedVariables(template: TemplateSummary): VariableSummary[] {
  return template.variables.filter((variable) => variable.type === 'component_list' || variable.type === 'municipality_list');
}

export function statusOptions(kind: 'incident' | 'maintenance', template?: TemplateSummary): readonly string[] {
  if (kind === 'maintenance') return MAINTENANCE_STATUSES;
  // A template may allow fewer statuses: "update" cannot resolve (resolving is "opgelost", with after-recovery texts).
  const allowed = template?.variables.find((variable) => variable.name === 'incident_status')?.options?.map((option) => option.value);
  return allowed ? INCIDENT_STATUSES.filter((status) => allowed.includes(status)) : INCIDENT_STATUSES;
}

/** The status a template's message usually sets. */
function defaultStatus(subject: Subject, template: TemplateSummary): string {
  if (template.kind === 'incident_resolved') return 'resolved';
  if (template.kind === 'maintenance_announced') return 'scheduled';
  if (template.kind === 'maintenance_started') return 'in_progress';
  if (template.kind === 'maintenance_completed') return 'completed';
  if (subject.kind === 'incident') return deriveIncidentTimes(subject.record).status;
  return subject.record.updates.at(-1)?.status ?? 'scheduled';
}

/**
 * Prefilled form values (as the inputs hold them: Amsterdam clock for times) from the subject:
 * the facts a composer would otherwise copy by hand under stress.
 */
export function prefilledForm(app: HelderApp, subject: Subject, template: TemplateSummary, now: Date): Record<string, string> {
  const values: Record<string, string> = { status: defaultStatus(subject, template) };
  const siteUrl = app.messageSiteUrl;
  const set = (name: string, nl: string | null | undefined, en?: string | null) => {
    if (!template.variables.some((variable) => variable.name === name)) return;
    if (nl) values[`var_${name}`] = nl;
    if (en && en !== nl) values[`var_${name}_en`] = en;
  };
  const time = (instant: Date | null | undefined) => (instant ? toAmsterdamInput(instant) : null);
  if (subject.kind === 'incident') {
    const incident = subject.record;
    const times = deriveIncidentTimes(incident);
    set('incident_title', localize(incident.title, 'nl').text, localize(incident.title, 'en').lang === 'en' ? localize(incident.title, 'en').text : null);
    set('impact', incident.impact);
    set('started_at', time(times.startedAt));
    set('resolved_at', time(times.resolvedAt ?? now));
    set('incident_url', absoluteUrl(siteUrl, paths.incident('nl', incident.id)), absoluteUrl(siteUrl, paths.incident('en', incident.id)));
    if (incident.workaround) set('workaround', localize(incident.workaround, 'nl').text, localize(incident.workaround, 'en').lang === 'en' ? localize(incident.workaround, 'en').text : null);
    // Texts for residents, the KCC and the municipality from the products' continuity guidance, for the message's phase.
    for (const [name, text] of Object.entries(continuityPrefill(template, incident, app.content(), messagePhase(template, values.status!)))) {
      set(name, localize(text, 'nl').text, localize(text, 'en').lang === 'en' ? localize(text, 'en').text : null);
    }
    const latest = [...incident.updates].sort((a, b) => a.at.getTime() - b.at.getTime()).at(-1);
    for (const [id, status] of Object.entries(latest?.components ?? {})) values[`product_${id}`] = status;
    for (const id of incident.components) values[`product_${id}`] ??= 'major_outage';
    if (values.status !== 'resolved') values.next_update_at = toAmsterdamInput(roundUp(new Date(now.getTime() + 30 * 60_000)));
  } else {
    const maintenance = subject.record;
    set('maintenance_title', localize(maintenance.title, 'nl').text, localize(maintenance.title, 'en').lang === 'en' ? localize(maintenance.title, 'en').text : null);
    set('scheduled_for', time(maintenance.scheduled_for));
    set('scheduled_until', time(maintenance.scheduled_until));
    set('started_at', time(maintenance.updates.find((update) => update.status === 'in_progress')?.at ?? maintenance.scheduled_for));
    set('completed_at', time(now));
    set('maintenance_url', absoluteUrl(siteUrl, paths.maintenance('nl', maintenance.id)), absoluteUrl(siteUrl, paths.maintenance('en', maintenance.id)));
  }
  return values;
}

/** A stored draft back into form values, so editing shows exactly what was saved. */
export function draftToForm(draft: MessageDraft, template: TemplateSummary): Record<string, string> {
  const values: Record<string, string> = { status: draft.status };
  if (draft.next_update_at) values.next_update_at = toAmsterdamInput(draft.next_update_at);
  for (const [id, status] of Object.entries(draft.components)) values[`product_${id}`] = status;
  for (const field of composeFields(template)) {
    const nl = draft.values.nl[field.variable.name];
    const en = draft.values.en?.[field.variable.name];
    const asText = (value: unknown) =>
      value === undefined || value === null ? undefined : field.input === 'datetime-local' && typeof value === 'string' ? toAmsterdamInput(new Date(value)) : field.input === 'checkbox' ? (value === true ? 'on' : '') : String(value);
    const nlText = asText(nl);
    const enText = asText(en);
    if (nlText !== undefined) values[field.name] = nlText;
    if (enText !== undefined) values[`${field.name}_en`] = enText;
  }
  return values;
}

function roundUp(instant: Date): Date {
  const step = 5 * 60_000;
  return new Date(Math.ceil(instant.getTime() / step) * step);
}

export interface ComposeInput {
  draft: MessageDraftInput;
  /** Problems in the form itself (dates that are no dates), before any use case ran. */
  errors: FieldError[];
}

/**
 * The posted compose form as a draft. Derived lists (products with their status, affected
 * municipalities) are computed here from the subject and the chosen product statuses.
 */
export function formToDraft(form: FormData, subject: Subject, template: TemplateSummary, content: ContentSet, t: AdminMessages): ComposeInput {
  const errors: FieldError[] = [];
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '';
  };
  const nl: Record<string, unknown> = {};
  const en: Record<string, unknown> = {};
  for (const field of composeFields(template)) {
    const raw = text(field.name);
    if (field.input === 'checkbox') nl[field.variable.name] = raw === 'on';
    else if (field.input === 'datetime-local') {
      if (raw !== '') {
        const instant = fromAmsterdamInput(raw);
        if (instant) nl[field.variable.name] = instant.toISOString();
        else errors.push({ field: field.name, message: t.errors.invalidDateTime });
      }
    } else if (raw !== '') nl[field.variable.name] = raw;
    if (field.translatable) {
      const english = text(`${field.name}_en`);
      if (english !== '') en[field.variable.name] = english;
    }
  }
  const record = subject.record;
  const components = subject.kind === 'incident' ? productStatuses(form, content.components.map((component) => component.id)) : {};
  const componentName = new Map(content.components.map((component) => [component.id, component.name]));
  for (const variable of derivedVariables(template)) {
    if (variable.type === 'component_list') {
      const ids = subject.kind === 'incident' ? [...new Set([...record.components, ...Object.keys(components)])] : record.components;
      nl[variable.name] = ids.map((id) => ({ id, name: componentName.get(id) ?? id, status: (components as Record<string, string>)[id] ?? null }));
    } else {
      nl[variable.name] = affectedMunicipalities(record, content.municipalities).map((municipality) => ({ id: municipality.id, name: municipality.name }));
    }
  }
  let nextUpdate: string | undefined;
  const nextText = text('next_update_at');
  if (nextText !== '') {
    const instant = fromAmsterdamInput(nextText);
    if (instant) nextUpdate = instant.toISOString();
    else errors.push({ field: 'next_update_at', message: t.errors.invalidDateTime });
  }
  return {
    draft: {
      subject: { kind: subject.kind, id: record.id },
      template_id: template.id,
      values: { nl, ...(Object.keys(en).length > 0 ? { en } : {}) },
      status: text('status'),
      components,
      ...(nextUpdate ? { next_update_at: nextUpdate } : {}),
      drill: record.drill,
    },
    errors,
  };
}

export interface Preview {
  /** Rendered through the production path; null when it cannot be rendered yet. */
  content: ApprovalContent | null;
  problems: FieldError[];
}

/** Renders a draft (saved or not) as approval would: every language, and the audience as of now. */
export function previewDraft(app: HelderApp, draft: MessageDraftInput, lang: Language): Preview {
  try {
    const parsed = parseDraft(draft);
    const content = computeApproval(app.deps.messages, { id: 'voorbeeld', draft: parsed }).content;
    return { content, problems: [] };
  } catch (error) {
    const problems = refusalErrors(error, lang, { next_update_at: 'next_update_at', status: 'status', components: 'products' });
    if (!problems) throw error;
    const required = adminMessages(lang).errors.required;
    return {
      content: null,
      problems: problems.map((problem) => ({
        field: problem.field.startsWith('var_') || ['next_update_at', 'status', 'products'].includes(problem.field) ? problem.field : '',
        // The engine speaks English to template authors; staff get the Dutch word for the common case.
        message: problem.message.startsWith('is required') ? `${problem.field.replace(/^var_/, '')}: ${required}` : problem.message,
      })),
    };
  }
}
