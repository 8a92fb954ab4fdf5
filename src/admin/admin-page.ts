import type { AstroGlobal } from 'astro';
import type { HelderApp } from '../composition/helder-app.ts';
import type { Language } from '../domain/index.ts';
import { adminMessages, type AdminMessages } from '../i18n/admin-messages.ts';
import { may, type Permission, type SignedInUser } from '../use-cases/authorise.ts';
import type { UseCaseContext } from '../use-cases/context.ts';
import { errorPageResponse } from './error-page.ts';

/** What every signed-in admin page works with, after its own authorisation check. */
export interface AdminPage {
  app: HelderApp;
  /** The context of everyday work (live, or drill in a training instance); records choose theirs with app.contextFor. */
  ctx: UseCaseContext;
  user: SignedInUser;
  lang: Language;
  t: AdminMessages;
  /** The user holds this permission (for showing or hiding actions; handlers still check). */
  can: (permission: Permission) => boolean;
}

type PageContext = Pick<AstroGlobal, 'locals' | 'url' | 'request'>;

/**
 * The first line of every admin page and endpoint: signed in, and allowed to do `permission`.
 * Returns the page context, or the Response to send instead (sign-in redirect, 401, 403). The
 * middleware also sends anonymous visitors to sign-in; this check is what holds when a route is
 * reached some other way.
 */
export function gate(astro: PageContext, permission: Permission): AdminPage | Response {
  const lang = astro.locals.lang ?? 'nl';
  const t = adminMessages(lang);
  const app = astro.locals.app;
  if (!app) return errorPageResponse(503, lang, t.errors.unexpected);
  const user = astro.locals.user;
  if (!user) return notSignedIn(astro);
  if (!may(user, permission)) return errorPageResponse(403, lang, t.errors.forbidden);
  return { app, ctx: app.context, user, lang, t, can: (wanted) => may(user, wanted) };
}

/** GET: to the sign-in page and back afterwards; anything else: 401 (a form post is not replayed). */
export function notSignedIn(astro: PageContext): Response {
  if (astro.request.method === 'GET' || astro.request.method === 'HEAD') {
    const back = astro.url.pathname + astro.url.search;
    // The cookie is cleared on this redirect, so the sign-in page learns of the expiry from the URL.
    return seeOther(`/admin/aanmelden?terug=${encodeURIComponent(back)}${astro.locals.sessionExpired ? '&verlopen=1' : ''}`);
  }
  return errorPageResponse(401, astro.locals.lang ?? 'nl', adminMessages(astro.locals.lang ?? 'nl').signIn.expired);
}

/** 303 See Other: after a POST the browser GETs the result, so a reload never repeats the action. */
export function seeOther(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { Location: location, ...headers } });
}

/** `path?gedaan=<key>`: the next page shows the matching confirmation from AdminMessages.done. */
export function doneRedirect(path: string, key: keyof AdminMessages['done']): Response {
  return seeOther(`${path}${path.includes('?') ? '&' : '?'}gedaan=${key}`);
}

/** The confirmation to show for `?gedaan=`, only for keys we know (never echoes the query). */
export function doneMessage(url: URL, t: AdminMessages): string | null {
  const key = url.searchParams.get('gedaan');
  return key && Object.hasOwn(t.done, key) ? t.done[key as keyof AdminMessages['done']] : null;
}

/** A path back into the admin from `?terug=`, refusing anything that could leave it. */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/admin') || value.startsWith('//') || /[\\\r\n]/.test(value)) return '/admin';
  return value;
}

export function isPost(astro: Pick<AstroGlobal, 'request'>): boolean {
  return astro.request.method === 'POST';
}
