import type { APIRoute } from 'astro';
import { readCapturedMail } from '../../../mail/captured-mail.ts';
import { gate } from '../../admin-page.ts';
import { errorPageResponse } from '../../error-page.ts';
import { mailPreviewResponse } from '../../security-policy.ts';

export const prerender = false;

/** A captured message's HTML part for the sandboxed frame. */
export const GET: APIRoute = (context) => {
  const page = gate(context, 'delivery.view');
  if (page instanceof Response) return page;
  const id = Number(context.params.id);
  const mail = Number.isSafeInteger(id) ? readCapturedMail(page.app.db, id) : null;
  if (!mail) return errorPageResponse(404, page.lang, page.t.errors.notFound);
  return mailPreviewResponse(mail.html);
};
