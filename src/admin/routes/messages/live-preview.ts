import type { APIRoute } from 'astro';
import { readCatalogue } from '../../../use-cases/catalogue/read-catalogue.ts';
import { templatesFor } from '../../../use-cases/messages/compose-options.ts';
import { renderMarkdown } from '../../../markdown/render-markdown.ts';
import { gate } from '../../admin-page.ts';
import { locateSubject, parseSubjectKey } from '../../compose-handler.ts';
import { formToDraft, previewDraft } from '../../compose-model.ts';
import { storePreview } from '../../preview-store.ts';

export const prerender = false;

/**
 * The compose form's live preview (voorbeeld.js posts the form here as the composer types):
 * the same render path as the "Voorbeeld" button, answered as JSON. Nothing is saved.
 */
export const POST: APIRoute = async (context) => {
  const page = gate(context, 'message.compose');
  if (page instanceof Response) return page;
  const { user, lang, t } = page;
  const form = await context.request.formData();
  const subjectRef = parseSubjectKey(String(form.get('onderwerp') ?? ''));
  const located = subjectRef ? locateSubject(page, subjectRef) : null;
  const template = located ? templatesFor(located.ctx, located.subject.kind).find((candidate) => candidate.id === form.get('sjabloon')) : undefined;
  if (!located || !template) return Response.json({ ok: false, problems: [{ field: '', message: t.errors.notFound }] }, { status: 404 });
  const { ctx, subject } = located;
  const previewLang = form.get('voorbeeldtaal') === 'en' ? 'en' : 'nl';
  const parsed = formToDraft(form, subject, template, readCatalogue(ctx), t);
  const preview = previewDraft(ctx, user, parsed.draft, template, t, lang);
  const rendering = preview.content?.renderings.find((candidate) => candidate.lang === previewLang) ?? preview.content?.renderings.find((candidate) => candidate.lang === 'nl');
  const audience = preview.content?.audience ?? null;
  return Response.json({
    ok: rendering !== undefined,
    problems: [...parsed.errors, ...preview.problems],
    subject: rendering?.subject ?? null,
    text: rendering?.text ?? null,
    statusPage: rendering?.statusPageMarkdown ?? null,
    // Rendered as the status page will show it; the renderer has raw HTML off and unsafe links as text.
    statusPageHtml: rendering ? renderMarkdown(rendering.statusPageMarkdown) : null,
    htmlUrl: rendering ? `/admin/voorbeeld/${storePreview(user.userId, rendering.html)}` : null,
    // Each channel's payload, in the order ChannelPreview.astro lists them (the destinations follow the subject, not the typing).
    channels: preview.content?.channels.map((channel) => channel.body) ?? null,
    audienceText: audience === null ? null : audience.length === 0 ? (preview.content?.contactsOnFile === 0 ? t.messages.audienceNoContacts : t.messages.audienceNone) : t.messages.audienceCount(audience.length),
  });
};
