import type { APIRoute } from 'astro';
import { readCapturedMail, readCapturedMailFile } from '../../../mail/captured-mail.ts';
import { gate } from '../../admin-page.ts';
import { errorPageResponse } from '../../error-page.ts';

export const prerender = false;

/** The exact .eml bytes, as a download (never rendered by the browser). */
export const GET: APIRoute = (context) => {
  const page = gate(context, 'delivery.view');
  if (page instanceof Response) return page;
  const id = Number(context.params.id);
  const mail = Number.isSafeInteger(id) ? readCapturedMail(page.app.db, id) : null;
  const bytes = mail ? readCapturedMailFile(page.app.db, page.app.mail.config.dataDir, id) : null;
  if (!mail || !bytes) return errorPageResponse(404, page.lang, page.t.errors.notFound);
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'message/rfc822',
      'Content-Disposition': `attachment; filename="helder-${mail.id}.eml"`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
};
