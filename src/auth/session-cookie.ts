import { SESSION_ABSOLUTE_TIMEOUT_MS } from './session-policy.ts';
import { looksLikeSessionToken } from './session-token.ts';

/**
 * Cookie attributes for the session. Under HTTPS the `__Host-` prefix makes the browser insist on
 * Secure, Path=/ and no Domain, so a sibling subdomain cannot plant or overwrite our cookie.
 */
export interface SessionCookieSettings {
  /** The admin's public URL (HELDER_ADMIN_URL); https decides Secure and the prefix. */
  adminUrl: string;
}

export function sessionCookieName(settings: SessionCookieSettings): string {
  return isHttps(settings) ? '__Host-helder_session' : 'helder_session';
}

function isHttps(settings: SessionCookieSettings): boolean {
  return new URL(settings.adminUrl).protocol === 'https:';
}

function attributes(settings: SessionCookieSettings, maxAgeSeconds: number): string {
  const parts = ['Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`];
  if (isHttps(settings)) parts.push('Secure');
  return parts.join('; ');
}

/** Set-Cookie value after sign-in. Max-Age matches the absolute limit so a stale cookie is not kept longer. */
export function sessionCookieHeader(token: string, settings: SessionCookieSettings): string {
  return `${sessionCookieName(settings)}=${token}; ${attributes(settings, Math.floor(SESSION_ABSOLUTE_TIMEOUT_MS / 1000))}`;
}

/** Set-Cookie value that removes the cookie (sign-out, expired session). */
export function clearSessionCookieHeader(settings: SessionCookieSettings): string {
  return `${sessionCookieName(settings)}=; ${attributes(settings, 0)}`;
}

/** The session token from a Cookie request header, or null. Malformed values are ignored, not trusted. */
export function readSessionToken(cookieHeader: string | null | undefined, settings: SessionCookieSettings): string | null {
  return readToken(cookieHeader, sessionCookieName(settings));
}

function readToken(cookieHeader: string | null | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=');
    if (separator === -1) continue;
    if (pair.slice(0, separator).trim() !== name) continue;
    const value = pair.slice(separator + 1).trim();
    return looksLikeSessionToken(value) ? value : null;
  }
  return null;
}

/** A browser keeps its device cookie (OWASP device cookies) this long after its last sign-in. */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

export function deviceCookieName(settings: SessionCookieSettings): string {
  return isHttps(settings) ? '__Host-helder_device' : 'helder_device';
}

/** Set-Cookie value for the device cookie: it outlives sessions and sign-outs on purpose. */
export function deviceCookieHeader(token: string, settings: SessionCookieSettings): string {
  return `${deviceCookieName(settings)}=${token}; ${attributes(settings, DEVICE_COOKIE_MAX_AGE_SECONDS)}`;
}

/** The device cookie token from a Cookie request header, or null. */
export function readDeviceToken(cookieHeader: string | null | undefined, settings: SessionCookieSettings): string | null {
  return readToken(cookieHeader, deviceCookieName(settings));
}
