import type { AstroGlobal } from 'astro';
import { localize, type Component, type Language, type LocalizedText } from '../domain/index.ts';
import type { MessageSubject } from '../domain/message-lifecycle.ts';
import { readCatalogue } from '../use-cases/catalogue/read-catalogue.ts';
import type { UseCaseContext } from '../use-cases/context.ts';
import { findComposeSubject, findTemplate, listComposeSubjects, prefillDraft, suggestTemplate, templatesFor } from '../use-cases/messages/compose-options.ts';
import { createDraft } from '../use-cases/messages/create-draft.ts';
import { editDraft } from '../use-cases/messages/edit-draft.ts';
import type { MessageRecord } from '../use-cases/messages/list-messages.ts';
import type { TemplateSummary, VariableSummary } from '../use-cases/messages/template-types.ts';
import { doneRedirect, type AdminPage } from './admin-page.ts';
import { composeFields, derivedVariables, draftProblems, draftToForm, formToDraft, previewDraft, statusOptions, type ComposeField, type Preview, type Subject } from './compose-model.ts';
import { errorPageResponse } from './error-page.ts';
import type { FieldError } from './form-errors.ts';
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
  subjects: Array<{ key: string; title: LocalizedText; kind: 'incident' | 'maintenance'; drill: boolean }>;
  templates: TemplateSummary[];
  subjectKey: string | null;
  /** The template preselected for the subject's state and scope. */
  suggested: string | null;
  errors: FieldError[];
}

type Astro = Pick<AstroGlobal, 'request' | 'url' | 'response'>;

/** "incident:<id>" / "maintenance:<id>": how a message's subject travels through forms and URLs. */
export function subjectKey(subject: { kind: 'incident' | 'maintenance'; id: string }): string {
  return `${subject.kind}:${subject.id}`;
}

export function parseSubjectKey(value: string | null | undefined): MessageSubject | null {
  const match = /^(incident|maintenance):([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(value ?? '');
  return match ? { kind: match[1] as 'incident' | 'maintenance', id: match[2]! } : null;
}

/** The subject in whichever context holds it (live first, then a running drill's), with that context. */
export function locateSubject(page: AdminPage, subject: MessageSubject): { ctx: UseCaseContext; subject: Subject } | null {
  for (const ctx of page.app.contexts) {
    const found = findComposeSubject(ctx, page.user, subject);
    if (found) return { ctx, subject: found };
  }
  return null;
}

/**
 * The compose page's request handling, shared by "new" and "edit": choose a subject and a
 * template, prefill, preview (the "Voorbeeld" button works without JavaScript), save the draft.
 */
export async function handleCompose(astro: Astro, page: AdminPage, existing: MessageRecord | null): Promise<ComposeView | ChooseView | Response> {
  const { app, user, lang, t } = page;
  const post = astro.request.method === 'POST' ? await astro.request.formData() : null;
  const read = (name: string) => (post ? post.get(name) : astro.url.searchParams.get(name));

  const subjectRef: MessageSubject | null = existing ? existing.draft.subject : parseSubjectKey(typeof read('onderwerp') === 'string' ? (read('onderwerp') as string) : null);
  if (!subjectRef) {
    const subjects = app.contexts.flatMap((ctx) =>
      listComposeSubjects(ctx, user).map((subject) => ({ key: subjectKey({ kind: subject.kind, id: subject.record.id }), title: subject.record.title, kind: subject.kind, drill: ctx.drill })),
    );
    return { step: 'subject', subjects, templates: [], subjectKey: null, suggested: null, errors: [] };
  }
  const located = existing ? { ctx: app.contextFor(existing.draft), subject: findComposeSubject(app.contextFor(existing.draft), user, subjectRef) } : locateSubject(page, subjectRef);
  if (!located?.subject) return errorPageResponse(404, lang, t.errors.notFound);
  const { ctx, subject } = located as { ctx: UseCaseContext; subject: Subject };
  const available = templatesFor(ctx, subject.kind);
  const templateId = existing ? existing.draft.template_id : String(read('sjabloon') ?? '');
  const template = available.find((candidate) => candidate.id === templateId) ?? (existing ? findTemplate(ctx, templateId) : null);
  if (!template) {
    return {
      step: 'template',
      subjects: [],
      templates: available,
      subjectKey: subjectKey({ kind: subject.kind, id: subject.record.id }),
      suggested: suggestTemplate(ctx, subject)?.id ?? null,
      errors: templateId && post ? [{ field: 'sjabloon', message: t.errors.chooseTemplate }] : [],
    };
  }

  const catalogue = readCatalogue(ctx);
  let values = draftToForm(existing ? existing.draft : prefillDraft(ctx, subject, template), template);
  let errors: FieldError[] = [];
  const previewLang: Language = read('voorbeeldtaal') === 'en' ? 'en' : 'nl';
  let draft = formToDraft(formDataFrom(values), subject, template, catalogue, t).draft;

  if (post) {
    values = formValues(post);
    const parsed = formToDraft(post, subject, template, catalogue, t);
    draft = parsed.draft;
    errors = parsed.errors;
    if (post.get('actie') === 'opslaan' && errors.length === 0) {
      try {
        if (existing) {
          editDraft(ctx, user, { messageId: existing.id, expectedRevision: Number(post.get('revisie') ?? existing.revision), draft });
          return doneRedirect(`/admin/berichten/${existing.id}`, 'message_saved');
        }
        const created = createDraft(ctx, user, draft);
        return doneRedirect(`/admin/berichten/${created.id}`, 'message_saved');
      } catch (error) {
        const refused = draftProblems(error, template, t, lang);
        if (!refused) throw error;
        errors = refused;
        astro.response.status = 422;
      }
    }
  }
  const preview = previewDraft(ctx, user, draft, template, t, lang);
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
    components: catalogue.components,
    action: existing ? `/admin/berichten/${existing.id}/bewerken` : '/admin/berichten/nieuw',
    message: existing,
  };
}

function formDataFrom(values: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(values)) form.set(key, value);
  return form;
}
