import type { APIRoute } from 'astro';
import { findTemplate } from '../../../use-cases/messages/compose-options.ts';
import { findMessage } from '../../../use-cases/messages/list-messages.ts';
import { gate } from '../../admin-page.ts';
import { errorPageResponse } from '../../error-page.ts';
import { messagePreview } from '../../message-view.ts';
import { mailPreviewResponse } from '../../security-policy.ts';

export const prerender = false;

/**
 * A message's HTML e-mail for the sandboxed frame on its page: what was submitted (and so what
 * the approver approves), or for a draft the current rendering.
 */
export const GET: APIRoute = (context) => {
  const page = gate(context, 'message.view');
  if (page instanceof Response) return page;
  const message = findMessage(page.ctx, page.user, String(context.params.id ?? ''));
  if (!message) return errorPageResponse(404, page.lang, page.t.errors.notFound);
  const lang = context.url.searchParams.get('taal') === 'en' ? 'en' : 'nl';
  const ctx = page.app.contextFor(message.draft);
  const renderings = messagePreview(ctx, page.user, message, findTemplate(ctx, message.draft.template_id), page.t, page.lang).content?.renderings ?? [];
  const rendering = renderings.find((candidate) => candidate.lang === lang) ?? renderings.find((candidate) => candidate.lang === 'nl');
  if (!rendering) return errorPageResponse(404, page.lang, page.t.errors.notFound);
  return mailPreviewResponse(rendering.html);
};
