import type { APIRoute } from 'astro';
import { getCapturedMailFile } from '../../../use-cases/mailbox/captured-mail.ts';
import { gate } from '../../admin-page.ts';
import { errorPageResponse } from '../../error-page.ts';

export const prerender = false;

/** The exact .eml bytes, as a download (never rendered by the browser). */
export const GET: APIRoute = (context) => {
  const page = gate(context, 'delivery.view');
  if (page instanceof Response) return page;
  const found = getCapturedMailFile(page.ctx, page.user, Number(context.params.id));
  if (!found) return errorPageResponse(404, page.lang, page.t.errors.notFound);
  const { mail, bytes } = found;
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'message/rfc822',
      'Content-Disposition': `attachment; filename="helder-${mail.id}.eml"`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
};
