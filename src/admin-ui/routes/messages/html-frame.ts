import type { APIRoute } from 'astro';
import { findMessage, listRenderings } from '../../../store/messages-repository.ts';
import { gate } from '../../admin-page.ts';
import { errorPageResponse } from '../../error-page.ts';
import { mailPreviewResponse } from '../../security-policy.ts';
import { messagePreview } from '../../message-view.ts';

export const prerender = false;

/**
 * A message's HTML e-mail for the sandboxed frame on its page: what was submitted (and so what
 * the approver approves), or for a draft the current rendering.
 */
export const GET: APIRoute = (context) => {
  const page = gate(context, 'message.view');
  if (page instanceof Response) return page;
  const message = findMessage(page.app.db, String(context.params.id ?? ''));
  if (!message) return errorPageResponse(404, page.lang, page.t.errors.notFound);
  const lang = context.url.searchParams.get('taal') === 'en' ? 'en' : 'nl';
  const renderings = message.state === 'draft' ? (messagePreview(page.app, message, page.lang).content?.renderings ?? []) : listRenderings(page.app.db, message.id);
  const rendering = renderings.find((candidate) => candidate.lang === lang) ?? renderings.find((candidate) => candidate.lang === 'nl');
  if (!rendering) return errorPageResponse(404, page.lang, page.t.errors.notFound);
  return mailPreviewResponse(rendering.html);
};
