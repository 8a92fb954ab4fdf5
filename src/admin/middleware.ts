import { defineMiddleware } from 'astro:middleware';
import { resolveSession } from '../use-cases/accounts/resolve-session.ts';
import { checkRequestOrigin } from '../auth/check-request-origin.ts';
import { clearSessionCookieHeader, readSessionToken } from '../auth/session-cookie.ts';
import type { Language } from '../domain/index.ts';
import { adminMessages } from '../i18n/admin-messages.ts';
import { contentProblemsOf } from '../use-cases/content/content-problems.ts';
import { notSignedIn } from './admin-page.ts';
import { contentProblemsResponse } from './content-problems.ts';
import { errorPageResponse } from './error-page.ts';
import { applyAdminHeaders } from './security-policy.ts';

/** Reachable without a session: the sign-in page and the static assets it needs. */
const PUBLIC_PATHS = new Set(['/admin/aanmelden', '/admin/stijl.css', '/admin/taal']);
const PUBLIC_PREFIXES = ['/admin/script/'];

export const LANGUAGE_COOKIE = 'helder_taal';

/**
 * Runs before every admin route: refuses cross-site state changes (CSRF), turns the session
 * cookie into `locals.user`, sends anonymous visitors to sign-in, and puts the admin's security
 * headers on every response. Pages still check their own permission (src/admin/admin-page.ts).
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  const lang = languageOf(context.request.headers.get('cookie'));
  context.locals.lang = lang;
  const t = adminMessages(lang);
  const app = context.locals.app;
  if (!app) return secured(errorPageResponse(503, lang, t.errors.unexpected, { 'Retry-After': '30' }));

  const origin = checkRequestOrigin(context.request, app.config.adminOrigin);
  if (!origin.ok) {
    return secured(errorPageResponse(origin.status, lang, `${lang === 'nl' ? 'Geweigerd: dit verzoek komt niet van het beheer zelf.' : 'Refused: this request does not come from the admin itself.'} (${origin.message})`));
  }

  const cookieSettings = { adminUrl: app.config.adminUrl };
  const token = readSessionToken(context.request.headers.get('cookie'), cookieSettings);
  const session = resolveSession(app.context, token);
  let clearCookie = false;
  if (session.status === 'active') context.locals.user = session.user;
  else if (session.status === 'expired') {
    context.locals.sessionExpired = true;
    clearCookie = true;
  } else if (token) clearCookie = true;

  const path = context.url.pathname.replace(/\/+$/, '') || '/';
  const isPublic = PUBLIC_PATHS.has(path) || PUBLIC_PREFIXES.some((prefix) => path.startsWith(prefix));
  let response = !context.locals.user && !isPublic ? notSignedIn(context) : await nextOrContentProblems(next, lang);
  response = secured(response);
  if (clearCookie && !response.headers.has('set-cookie')) response.headers.append('Set-Cookie', clearSessionCookieHeader(cookieSettings));
  return response;
});

/**
 * The page, or, when it needs a content folder that does not load, a page naming the broken file
 * and field: never a blank 500. Any other error goes on to the server's own handling.
 */
async function nextOrContentProblems(next: () => Promise<Response>, lang: Language): Promise<Response> {
  try {
    return await next();
  } catch (error) {
    const problems = contentProblemsOf(error);
    if (!problems) throw error;
    return contentProblemsResponse(problems, lang);
  }
}

/** The response with the admin's security headers (a copy when its headers are immutable, e.g. a redirect). */
function secured(response: Response): Response {
  try {
    applyAdminHeaders(response.headers);
    return response;
  } catch {
    const copy = new Response(response.body, { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) });
    applyAdminHeaders(copy.headers);
    return copy;
  }
}

export function languageOf(cookieHeader: string | null): Language {
  const match = /(?:^|;\s*)helder_taal=(nl|en)(?:;|$)/.exec(cookieHeader ?? '');
  return match?.[1] === 'en' ? 'en' : 'nl';
}
