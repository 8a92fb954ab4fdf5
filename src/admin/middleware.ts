import { defineMiddleware } from 'astro:middleware';
import { resolveSession } from '../use-cases/accounts/resolve-session.ts';
import { checkRequestOrigin } from '../auth/check-request-origin.ts';
import { clearSessionCookieHeader, readSessionToken } from '../auth/session-cookie.ts';
import type { Language } from '../domain/index.ts';
import { adminMessages } from '../i18n/admin-messages.ts';
import { requestMessages } from '../i18n/request-messages.ts';
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

  // The admin's forms are the only bodies it takes: JSON or anything else is refused before a
  // screen tries to read it as a form.
  const origin = checkRequestOrigin(context.request, app.config.adminOrigin, { acceptedContentTypes: FORM_CONTENT_TYPES });
  if (!origin.ok && origin.reason === 'content_type') return secured(errorPageResponse(415, lang, requestMessages(lang).unsupportedContentType));
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
  if (!context.locals.user && !isPublic) return finish(notSignedIn(context));
  // A form that cannot be parsed (a broken multipart body, a bad boundary) is the sender's error:
  // answer 400 here, so no screen ends in a 500 when it reads it.
  if (hasFormBody(context.request) && !(await formParses(context.request))) return finish(errorPageResponse(400, lang, requestMessages(lang).malformedForm));
  // A POST without any Content-Type (and so without a body) is no form either: every screen reads
  // its POST as one, and formData() would throw. Browsers always send the type with a form.
  if (context.request.method === 'POST' && context.request.headers.get('content-type') === null) return finish(errorPageResponse(415, lang, requestMessages(lang).unsupportedContentType));
  let response: Response;
  try {
    response = await next();
  } catch (error) {
    // A page that needs a content folder that does not load names the broken file and field.
    const problems = contentProblemsOf(error);
    if (problems) return finish(contentProblemsResponse(problems, lang));
    // The stack goes to the server log only; the person gets a page in their language.
    console.error(`admin: ${context.request.method} ${context.url.pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    response = errorPageResponse(500, lang, requestMessages(lang).unexpected);
  }
  return finish(response);

  function finish(unsecured: Response): Response {
    const response = secured(unsecured);
    if (clearCookie && !response.headers.has('set-cookie')) response.headers.append('Set-Cookie', clearSessionCookieHeader(cookieSettings));
    return response;
  }
});

const FORM_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'] as const;

function hasFormBody(request: Request): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return false;
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  return (FORM_CONTENT_TYPES as readonly string[]).includes(mediaType);
}

/** Parses a copy of the body (the screen reads the original); the server's body limit bounds the copy. */
async function formParses(request: Request): Promise<boolean> {
  try {
    await request.clone().formData();
    return true;
  } catch {
    return false;
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
