import type { APIRoute } from 'astro';
import { getCapturedMail } from '../../../use-cases/mailbox/captured-mail.ts';
import { gate } from '../../admin-page.ts';
import { errorPageResponse } from '../../error-page.ts';
import { mailPreviewResponse } from '../../security-policy.ts';

export const prerender = false;

/** A captured message's HTML part for the sandboxed frame. */
export const GET: APIRoute = (context) => {
  const page = gate(context, 'delivery.view');
  if (page instanceof Response) return page;
  const mail = getCapturedMail(page.ctx, page.user, Number(context.params.id));
  if (!mail) return errorPageResponse(404, page.lang, page.t.errors.notFound);
  return mailPreviewResponse(mail.html);
};
