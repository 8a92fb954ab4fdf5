import type { APIRoute } from 'astro';
import { gate } from '../admin-page.ts';
import { errorPageResponse } from '../error-page.ts';
import { readPreview } from '../preview-store.ts';
import { mailPreviewResponse } from '../security-policy.ts';

export const prerender = false;

/** The HTML of an unsaved preview, for the sandboxed frame; only its own user can open it. */
export const GET: APIRoute = (context) => {
  const page = gate(context, 'message.compose');
  if (page instanceof Response) return page;
  const html = readPreview(String(context.params.token ?? ''), page.user.userId);
  if (html === null) return errorPageResponse(404, page.lang, page.t.errors.notFound);
  return mailPreviewResponse(html);
};
