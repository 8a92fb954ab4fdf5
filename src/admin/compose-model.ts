import { affectedMunicipalities, INCIDENT_STATUSES, MAINTENANCE_STATUSES, Refusal, type Language } from '../domain/index.ts';
import type { MessageDraft, MessageDraftInput } from '../domain/message-lifecycle.ts';
import type { AdminMessages } from '../i18n/admin-messages.ts';
import { problemText } from '../i18n/refusals.ts';
import type { SignedInUser } from '../use-cases/authorise.ts';
import type { Catalogue } from '../use-cases/catalogue/read-catalogue.ts';
import type { UseCaseContext } from '../use-cases/context.ts';
import type { ComposeSubject } from '../use-cases/messages/compose-options.ts';
import { previewMessage, type MessagePreview } from '../use-cases/messages/preview-message.ts';
import type { TemplateSummary, VariableSummary } from '../use-cases/messages/template-types.ts';
import { fromAmsterdamInput, toAmsterdamInput } from './amsterdam-input.ts';
import { refusalErrors, type FieldError } from './form-errors.ts';
import { productStatuses } from './form-values.ts';

/**
 * The compose form, generated from a template's variable declarations: which variables staff
 * type, which are prefilled from the incident or maintenance (and may be corrected), and which
 * follow from the message's own fields (product list, municipalities, next update, status). The
 * preview renders through computeApproval: exactly the path submit and approval take.
 */

export type Subject = ComposeSubject;

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

export interface ComposeInput {
  draft: MessageDraftInput;
  /** Problems in the form itself (dates that are no dates), before any use case ran. */
  errors: FieldError[];
}

/**
 * The posted compose form as a draft. Derived lists (products with their status, affected
 * municipalities) are computed here from the subject and the chosen product statuses.
 */
export function formToDraft(form: FormData, subject: Subject, template: TemplateSummary, content: Catalogue, t: AdminMessages): ComposeInput {
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
        else errors.push({ field: field.name, message: problemText({ code: 'invalid_date_time' }, t.htmlLang as Language) });
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
    else errors.push({ field: 'next_update_at', message: problemText({ code: 'invalid_date_time' }, t.htmlLang as Language) });
  }
  return {
    draft: {
      subject: { kind: subject.kind, id: record.id },
      template_id: template.id,
      values: { nl, ...(Object.keys(en).length > 0 ? { en } : {}) },
      status: text('status'),
      components,
      ...(nextUpdate ? { next_update_at: nextUpdate } : {}),
    },
    errors,
  };
}

export interface Preview {
  /** Rendered through the production path; null when it cannot be rendered yet. */
  content: MessagePreview | null;
  problems: FieldError[];
}

/** The compose form's field for a use case's field, e.g. "values.nl.update_text" → "var_update_text". */
export function composeFieldOf(field: string): string {
  const variable = /^values\.(nl|en)\.([a-z][a-z0-9_]*)/.exec(field);
  if (variable) return `var_${variable[2]}${variable[1] === 'en' ? '_en' : ''}`;
  if (field.startsWith('components')) return 'products';
  if (field.startsWith('next_update_at') || field.startsWith('status')) return field.split('.')[0]!;
  return '';
}

/** What a person calls the form field behind a use case's field: the variable's label, or the field's label. */
export function composeFieldLabel(template: TemplateSummary, field: string, t: AdminMessages, lang: Language): string | null {
  const variable = /^values\.(nl|en)\.([a-z][a-z0-9_]*)/.exec(field);
  if (variable) {
    const described = template.variables.find((candidate) => candidate.name === variable[2]);
    const label = described?.label[lang] ?? '';
    return label ? (variable[1] === 'en' ? `${label} (${t.inEnglish})` : label) : null;
  }
  if (field.startsWith('components')) return t.messages.fields.products;
  if (field.startsWith('next_update_at')) return t.messages.fields.nextUpdate;
  if (field.startsWith('status')) return t.messages.fields.status;
  return null;
}

/** A refusal of a draft as problems that name the field in the reader's words and link to it. */
export function draftProblems(error: unknown, template: TemplateSummary, t: AdminMessages, lang: Language): FieldError[] | null {
  const problems = refusalErrors(error, lang);
  if (!problems || !Refusal.is(error)) return problems;
  if (error.problems.length === 0) return problems;
  return error.problems.map((problem) => {
    const label = composeFieldLabel(template, problem.field, t, lang);
    return { field: composeFieldOf(problem.field), message: `${label ? `${label}: ` : ''}${problemText(problem, lang)}` };
  });
}

/** Renders a draft (saved or not) as approval would: every language, and the audience as of now. */
export function previewDraft(ctx: UseCaseContext, user: SignedInUser, draft: MessageDraftInput, template: TemplateSummary, t: AdminMessages, lang: Language): Preview {
  try {
    return { content: previewMessage(ctx, user, { draft }), problems: [] };
  } catch (error) {
    const problems = draftProblems(error, template, t, lang);
    if (!problems) throw error;
    return { content: null, problems };
  }
}
