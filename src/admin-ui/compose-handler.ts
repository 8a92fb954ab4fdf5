import type { AstroGlobal } from 'astro';
import { createDraft } from '../admin/messages/create-draft.ts';
import { editDraft } from '../admin/messages/edit-draft.ts';
import { localize, type Component, type Language } from '../domain/index.ts';
import type { MessageSubject } from '../domain/message-lifecycle.ts';
import type { MessageRecord } from '../store/messages-repository.ts';
import type { TemplateSummary, VariableSummary } from '../templates/index.ts';
import { doneRedirect, type AdminPage } from './admin-page.ts';
import { parseSubjectKey } from './admin-views.ts';
import {
  composeFields,
  derivedVariables,
  draftToForm,
  findSubject,
  formToDraft,
  prefilledForm,
  previewDraft,
  statusOptions,
  templatesFor,
  type ComposeField,
  type Preview,
  type Subject,
} from './compose-model.ts';
import { errorPageResponse } from './error-page.ts';
import { refusalErrors, type FieldError } from './form-errors.ts';
import { formValues } from './form-values.ts';
import { storePreview } from './preview-store.ts';

export interface ComposeView {
  step: 'compose';
  subject: Subject;
  subjectTitle: string;
  template: TemplateSummary;
  fields: ComposeField[];
  derived: VariableSummary[];
  values: Record<string, string>;
  errors: FieldError[];
  preview: Preview;
  previewLang: Language;
  /** Token of the HTML preview frame (/admin/voorbeeld/<token>). */
  htmlToken: string | null;
  statuses: readonly string[];
  components: readonly Component[];
  /** Where the form posts. */
  action: string;
  message: MessageRecord | null;
}

export interface ChooseView {
  step: 'subject' | 'template';
  subjects: Array<{ key: string; label: string }>;
  templates: TemplateSummary[];
  subjectKey: string | null;
  errors: FieldError[];
}

type Astro = Pick<AstroGlobal, 'request' | 'url' | 'response'>;

/**
 * The compose page's request handling, shared by "new" and "edit": choose a subject and a
 * template, prefill, preview (the "Voorbeeld" button works without JavaScript), save the draft.
 */
export async function handleCompose(astro: Astro, page: AdminPage, existing: MessageRecord | null): Promise<ComposeView | ChooseView | Response> {
  const { app, user, lang, t } = page;
  const content = app.content();
  const post = astro.request.method === 'POST' ? await astro.request.formData() : null;
  const read = (name: string) => (post ? post.get(name) : astro.url.searchParams.get(name));

  const subjectRef: MessageSubject | null = existing ? existing.draft.subject : parseSubjectKey(typeof read('onderwerp') === 'string' ? (read('onderwerp') as string) : null);
  if (!subjectRef) {
    const drillContent = app.drillMode ? null : app.content({ drill: true });
    const subjects = [
      ...(drillContent ? drillContent.incidents.filter((incident) => incident.drill) : []).map((incident) => ({ key: `incident:${incident.id}`, label: `OEFENING / DRILL: ${localize(incident.title, lang).text}`, resolved: incident.updates.some((update) => update.status === 'resolved') })),
      ...content.incidents.map((incident) => ({ key: `incident:${incident.id}`, label: localize(incident.title, lang).text, resolved: incident.updates.some((update) => update.status === 'resolved') })),
      ...content.maintenances.map((maintenance) => ({ key: `maintenance:${maintenance.id}`, label: `${t.nav.maintenance}: ${localize(maintenance.title, lang).text}`, resolved: maintenance.updates.some((update) => update.status === 'completed') })),
    ].filter((subject) => !subject.resolved);
    return { step: 'subject', subjects, templates: [], subjectKey: null, errors: [] };
  }
  const subject = findSubject(content, subjectRef) ?? (app.drillMode ? undefined : findSubject(app.content({ drill: true }), subjectRef));
  if (!subject) return errorPageResponse(404, lang, t.errors.notFound);
  const available = templatesFor(app.templates.list(), subject.kind);
  const templateId = existing ? existing.draft.template_id : String(read('sjabloon') ?? '');
  const template = available.find((candidate) => candidate.id === templateId) ?? (existing ? app.templates.list().find((candidate) => candidate.id === templateId) : undefined);
  if (!template) {
    return { step: 'template', subjects: [], templates: available, subjectKey: `${subject.kind}:${subject.record.id}`, errors: templateId && post ? [{ field: 'sjabloon', message: t.errors.chooseOne }] : [] };
  }

  const now = app.clock.now();
  let values = existing ? draftToForm(existing.draft, template) : prefilledForm(app, subject, template, now);
  let errors: FieldError[] = [];
  const previewLang: Language = read('voorbeeldtaal') === 'en' ? 'en' : 'nl';
  let draft = formToDraft(formDataFrom(values), subject, template, content, t).draft;

  if (post) {
    values = formValues(post);
    const parsed = formToDraft(post, subject, template, content, t);
    draft = parsed.draft;
    errors = parsed.errors;
    if (post.get('actie') === 'opslaan' && errors.length === 0) {
      try {
        if (existing) {
          editDraft(app.deps.messages, user, { messageId: existing.id, expectedRevision: Number(post.get('revisie') ?? existing.revision), draft: { ...draft, drill: existing.draft.drill } });
          return doneRedirect(`/admin/berichten/${existing.id}`, 'message_saved');
        }
        const created = createDraft({ ...app.deps.messages, instanceMode: app.drillMode ? 'drill' : 'live' }, user, draft);
        return doneRedirect(`/admin/berichten/${created.id}`, 'message_saved');
      } catch (error) {
        const refused = refusalErrors(error, lang, { next_update_at: 'next_update_at', status: 'status', components: 'products' });
        if (!refused) throw error;
        errors = refused.map((problem) => (['next_update_at', 'status', 'products'].includes(problem.field) || problem.field.startsWith('var_') ? problem : { ...problem, field: '' }));
        astro.response.status = 422;
      }
    }
  }
  const preview = previewDraft(app, draft, lang);
  const rendering = preview.content?.renderings.find((candidate) => candidate.lang === previewLang) ?? preview.content?.renderings.find((candidate) => candidate.lang === 'nl');
  return {
    step: 'compose',
    subject,
    subjectTitle: localize(subject.record.title, lang).text,
    template,
    fields: composeFields(template),
    derived: derivedVariables(template),
    values,
    errors,
    preview,
    previewLang,
    htmlToken: rendering ? storePreview(user.userId, rendering.html) : null,
    statuses: statusOptions(subject.kind, template),
    components: content.components,
    action: existing ? `/admin/berichten/${existing.id}/bewerken` : '/admin/berichten/nieuw',
    message: existing,
  };
}

function formDataFrom(values: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(values)) form.set(key, value);
  return form;
}
