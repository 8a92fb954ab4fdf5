import { resolve } from 'node:path';
import type { AstroGlobal } from 'astro';
import type { DrillDeps } from '../../../admin/drills/drill-deps.ts';
import type { HelderApp } from '../../../app/helder-app.ts';
import type { Language } from '../../../domain/index.ts';
import { gate, type AdminPage } from '../../admin-page.ts';
import { errorPageResponse } from '../../error-page.ts';
import type { FieldError } from '../../form-errors.ts';
import { drillTexts, type DrillTexts } from './drill-texts.ts';

/**
 * The drill use cases' deps from the app. The shipped scenarios are drills/ in the checkout, and
 * the server runs from the checkout (npm start), so the working directory finds them. (Until the
 * composition root hands out `deps.drills` with `join(projectDir, 'drills')`.)
 */
export function drillDeps(app: HelderApp): DrillDeps {
  return { db: app.db, clock: app.clock, content: app.deps.content, scenariosDir: resolve('drills'), dataDir: app.config.dataDir };
}

export interface DrillPage extends AdminPage {
  deps: DrillDeps;
  d: DrillTexts;
}

type Context = Pick<AstroGlobal, 'locals' | 'url' | 'request' | 'params'>;

/** Every staff member may see drills; each use case checks its own, finer permission. */
export function drillPage(astro: Context): DrillPage | Response {
  const page = gate(astro, 'dashboard.view');
  if (page instanceof Response) return page;
  return { ...page, deps: drillDeps(page.app), d: drillTexts(page.lang) };
}

/** The drill id in the URL, or the 404 response. */
export function drillIdParam(astro: Context, lang: Language, notFound: string): number | Response {
  const raw = String(astro.params.id ?? '');
  return /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : errorPageResponse(404, lang, notFound);
}

interface Refusal {
  name?: unknown;
  code?: unknown;
  problems?: unknown;
  status?: unknown;
  message?: unknown;
}

/**
 * A refused drill action as form errors, or a Response (403/404) when the refusal is not about
 * the form. Errors are recognised by name and code: they cross bundle boundaries. Null for bugs.
 */
export function drillRefusal(error: unknown, lang: Language, notFound: string): FieldError[] | Response | null {
  if (typeof error !== 'object' || error === null) return null;
  const refusal = error as Refusal;
  if (refusal.name === 'AuthorisationError') return errorPageResponse(403, lang, String(refusal.message ?? ''));
  if (refusal.name === 'DrillError' && refusal.code === 'not_found' && Array.isArray(refusal.problems) && (refusal.problems as Array<{ field: string }>).some((problem) => problem.field === 'drill_id')) {
    return errorPageResponse(404, lang, notFound);
  }
  if ((refusal.name === 'DrillError' || refusal.name === 'ContentChangeError') && Array.isArray(refusal.problems)) {
    return (refusal.problems as Array<{ field: string; message: string }>).map((problem) => ({ field: problem.field, message: problem.message }));
  }
  return null;
}
