import type { APIRoute } from 'astro';
import { getDrill } from '../../../use-cases/drills/get-drill.ts';
import { getCapturedMailFile } from '../../../use-cases/mailbox/captured-mail.ts';
import { errorPageResponse } from '../../error-page.ts';
import { drillIdParam, drillPage, drillRefusal } from './drill-page.ts';

export const prerender = false;

/** The exact .eml a recipient would have received, for mail captured in this drill only. */
export const GET: APIRoute = (context) => {
  const page = drillPage(context);
  if (page instanceof Response) return page;
  const drillId = drillIdParam(context, page.lang, page.t.errors.notFound);
  if (drillId instanceof Response) return drillId;
  const mailId = Number(context.params.mail);
  try {
    const detail = getDrill(page.ctx, page.user, { drillId });
    const mail = detail.messages.flatMap((message) => message.captured).find((captured) => captured.id === mailId);
    if (!Number.isSafeInteger(mailId) || !mail) return errorPageResponse(404, page.lang, page.t.errors.notFound);
    const bytes = getCapturedMailFile(page.ctx, page.user, mail.id)?.bytes;
    if (!bytes) return errorPageResponse(404, page.lang, page.t.errors.notFound);
    return new Response(new Uint8Array(bytes), {
      headers: {
        'Content-Type': 'message/rfc822',
        'Content-Disposition': `attachment; filename="oefening-${drillId}-${mail.id}.eml"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    const refused = drillRefusal(error, page.lang, page.t.errors);
    if (refused instanceof Response) return refused;
    throw error;
  }
};
