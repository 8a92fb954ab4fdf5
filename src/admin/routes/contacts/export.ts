import type { APIRoute } from 'astro';
import { exportContacts } from '../../../use-cases/contacts/export-contacts.ts';
import { gate } from '../../admin-page.ts';

export const prerender = false;

/** Personal data: admins only, never cached, always a download. */
export const GET: APIRoute = (context) => {
  const page = gate(context, 'subscriber.manage');
  if (page instanceof Response) return page;
  const municipality = context.url.searchParams.get('gemeente');
  const csv = exportContacts(page.ctx, page.user, municipality && /^GM\d{4}$/.test(municipality) ? { municipalities: [municipality] } : {});
  const day = page.ctx.clock.now().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="helder-contactpersonen-${day}.csv"`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
};
