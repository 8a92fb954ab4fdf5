import type { APIRoute } from 'astro';
import { buildDrillReportFor, drillReportJson } from '../../../use-cases/drills/build-drill-report.ts';
import { errorPageResponse } from '../../error-page.ts';
import { drillIdParam, drillPage, drillRefusal } from './drill-page.ts';

export const prerender = false;

/** The drill report as JSON, for the team's own analysis across drills. */
export const GET: APIRoute = (context) => {
  const page = drillPage(context);
  if (page instanceof Response) return page;
  const drillId = drillIdParam(context, page.lang, page.t.errors.notFound);
  if (drillId instanceof Response) return drillId;
  try {
    const report = buildDrillReportFor(page.ctx, page.user, { drillId });
    return new Response(drillReportJson(report), {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="oefening-${drillId}.json"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    const refused = drillRefusal(error, page.lang, page.t.errors);
    if (refused instanceof Response) return refused;
    if (refused) return errorPageResponse(400, page.lang, refused.map((problem) => problem.message).join(' '));
    throw error;
  }
};
