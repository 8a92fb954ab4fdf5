import type { APIRoute } from 'astro';
import { parseSubjectKey } from '../../admin-views.ts';
import { gate } from '../../admin-page.ts';
import { findSubject, formToDraft, previewDraft, templatesFor } from '../../compose-model.ts';
import { storePreview } from '../../preview-store.ts';

export const prerender = false;

/**
 * The compose form's live preview (voorbeeld.js posts the form here as the composer types):
 * the same render path as the "Voorbeeld" button, answered as JSON. Nothing is saved.
 */
export const POST: APIRoute = async (context) => {
  const page = gate(context, 'message.compose');
  if (page instanceof Response) return page;
  const { app, user, lang, t } = page;
  const form = await context.request.formData();
  const content = app.content();
  const subjectRef = parseSubjectKey(String(form.get('onderwerp') ?? ''));
  const subject = subjectRef ? (findSubject(content, subjectRef) ?? (app.drillMode ? null : findSubject(app.content({ drill: true }), subjectRef))) : null;
  const template = subject ? templatesFor(app.templates.list(), subject.kind).find((candidate) => candidate.id === form.get('sjabloon')) : undefined;
  if (!subject || !template) return Response.json({ ok: false, problems: [{ field: '', message: t.errors.notFound }] }, { status: 404 });
  const previewLang = form.get('voorbeeldtaal') === 'en' ? 'en' : 'nl';
  const parsed = formToDraft(form, subject, template, content, t);
  const preview = previewDraft(app, parsed.draft, lang);
  const rendering = preview.content?.renderings.find((candidate) => candidate.lang === previewLang) ?? preview.content?.renderings.find((candidate) => candidate.lang === 'nl');
  const audience = preview.content?.audience ?? null;
  return Response.json({
    ok: rendering !== undefined,
    problems: [...parsed.errors, ...preview.problems],
    subject: rendering?.subject ?? null,
    text: rendering?.text ?? null,
    statusPage: rendering?.statusPageMarkdown ?? null,
    htmlUrl: rendering ? `/admin/voorbeeld/${storePreview(user.userId, rendering.html)}` : null,
    audienceText: audience === null ? null : audience.length === 0 ? t.messages.audienceNone : t.messages.audienceCount(audience.length),
  });
};
