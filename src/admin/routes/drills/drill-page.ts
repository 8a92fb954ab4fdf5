import type { AstroGlobal } from 'astro';
import type { Language } from '../../../domain/index.ts';
import { drillMessages, type DrillTexts } from '../../../i18n/drill-messages.ts';
import { gate, type AdminPage } from '../../admin-page.ts';
import { errorPageResponse } from '../../error-page.ts';
import { isForbidden, refusalErrors, type FieldError } from '../../form-errors.ts';
import { Refusal } from '../../../domain/index.ts';

export interface DrillPage extends AdminPage {
  d: DrillTexts;
}

type Context = Pick<AstroGlobal, 'locals' | 'url' | 'request' | 'params'>;

/** Every staff member may see drills; each use case checks its own, finer permission. Drills run in the drill context. */
export function drillPage(astro: Context): DrillPage | Response {
  const page = gate(astro, 'drill.view');
  if (page instanceof Response) return page;
  return { ...page, ctx: page.app.drillContext, d: drillMessages(page.lang) };
}

/** The drill id in the URL, or the 404 response. */
export function drillIdParam(astro: Context, lang: Language, notFound: string): number | Response {
  const raw = String(astro.params.id ?? '');
  return /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : errorPageResponse(404, lang, notFound);
}

/**
 * A refused drill action as form errors, or a Response (403/404) when the refusal is not about
 * the form. Null for anything that is not a refusal (a bug).
 */
export function drillRefusal(error: unknown, lang: Language, texts: { notFound: string; forbidden: string }, fieldMap: Record<string, string> = {}): FieldError[] | Response | null {
  if (isForbidden(error)) return errorPageResponse(403, lang, texts.forbidden);
  if (Refusal.is(error) && error.code === 'drill_not_found') return errorPageResponse(404, lang, texts.notFound);
  return refusalErrors(error, lang, fieldMap);
}
