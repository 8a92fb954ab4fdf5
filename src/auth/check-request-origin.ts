/**
 * CSRF defence for every state-changing admin request, in addition to SameSite=Strict cookies and
 * Astro's checkOrigin. Astro only looks at form content types; this also refuses requests a
 * cross-site page could send without a preflight (text/plain, in any letter case) and anything
 * whose origin is not exactly the admin's.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const DEFAULT_ACCEPTED_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'] as const;

export type OriginCheck =
  | { ok: true }
  | { ok: false; status: 403 | 415; reason: 'cross_origin' | 'null_origin' | 'cross_site_fetch' | 'origin_unknown' | 'content_type' ; message: string };

export interface OriginCheckOptions {
  /** Media types (lower-case, no parameters) a state-changing request may carry. */
  acceptedContentTypes?: readonly string[];
}

export function checkRequestOrigin(request: Request, allowedOrigin: string, options: OriginCheckOptions = {}): OriginCheck {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { ok: true };
  const expected = new URL(allowedOrigin).origin;
  const origin = request.headers.get('origin');
  const fetchSite = request.headers.get('sec-fetch-site')?.trim().toLowerCase() ?? null;

  if (origin !== null) {
    if (origin.trim().toLowerCase() === 'null') {
      return { ok: false, status: 403, reason: 'null_origin', message: 'Refused: the request comes from an opaque origin ("null"), e.g. a sandboxed frame or a redirect.' };
    }
    if (normaliseOrigin(origin) !== expected) {
      return { ok: false, status: 403, reason: 'cross_origin', message: `Refused: Origin "${origin}" is not the admin origin ${expected}.` };
    }
  } else if (fetchSite !== 'same-origin') {
    return {
      ok: false,
      status: 403,
      reason: 'origin_unknown',
      message: 'Refused: the request has no Origin header and no Sec-Fetch-Site: same-origin, so it cannot be shown to come from the admin.',
    };
  }
  // A browser that says cross-site or same-site (a sibling subdomain) is believed even when the Origin looks right.
  if (fetchSite !== null && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    return { ok: false, status: 403, reason: 'cross_site_fetch', message: `Refused: the browser reports Sec-Fetch-Site "${fetchSite}".` };
  }

  const accepted = options.acceptedContentTypes ?? DEFAULT_ACCEPTED_CONTENT_TYPES;
  const contentType = request.headers.get('content-type');
  if (contentType === null) {
    if (hasBody(request)) {
      return { ok: false, status: 415, reason: 'content_type', message: 'Refused: the request has a body but no Content-Type.' };
    }
    return { ok: true };
  }
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (!accepted.includes(mediaType)) {
    return {
      ok: false,
      status: 415,
      reason: 'content_type',
      message: `Refused: Content-Type "${contentType}" is not accepted here (accepted: ${accepted.join(', ')}).`,
    };
  }
  return { ok: true };
}

function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value.trim());
    // An Origin header is scheme://host[:port] only; anything more is not a browser-sent origin.
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '') return null;
    return url.origin;
  } catch {
    return null;
  }
}

function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  if (request.headers.has('transfer-encoding')) return true;
  if (length !== null) return length.trim() !== '0';
  return request.body !== null;
}
