import { inlineHashes } from '../server/security-headers.ts';

/**
 * Content-Security-Policy of every admin page: only our own files, no inline script or style at
 * all (the admin has none), frames only from the admin itself (the sandboxed mail previews), and
 * nobody may frame the admin.
 */
export const ADMIN_PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * For an e-mail's HTML shown inside the admin: `sandbox` (no scripts, no forms, an opaque origin,
 * even when opened on its own), nothing loaded from anywhere but images, and exactly the styles the
 * mail carries (hashed, so an injected style would not apply). Only the admin may frame it.
 */
export function mailPreviewPolicy(html: string): string {
  const hashes = inlineHashes(html);
  const styles = [...hashes.styles, ...(hashes.styleAttributes.length > 0 ? ["'unsafe-hashes'", ...hashes.styleAttributes] : [])];
  return [
    'sandbox',
    "default-src 'none'",
    `style-src ${styles.length > 0 ? styles.join(' ') : "'none'"}`,
    'img-src https: data:',
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** Headers every admin response carries; a response that set its own CSP or framing keeps it. */
export function applyAdminHeaders(headers: Headers): void {
  if (!headers.has('content-security-policy')) headers.set('Content-Security-Policy', ADMIN_PAGE_POLICY);
  if (!headers.has('x-frame-options')) headers.set('X-Frame-Options', 'DENY');
  headers.set('X-Content-Type-Options', 'nosniff');
  // Not "no-referrer": under it Chromium sends `Origin: null` with form posts, which the CSRF check
  // (rightly) refuses. "same-origin" still gives other sites nothing, not even our origin.
  headers.set('Referrer-Policy', 'same-origin');
  if (!headers.has('cache-control')) headers.set('Cache-Control', 'no-store');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('X-Robots-Tag', 'noindex, nofollow');
}

/** The response for an HTML mail preview: its own policy, framable by the admin only. */
export function mailPreviewResponse(html: string): Response {
  return new Response(html, {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': mailPreviewPolicy(html),
      'X-Frame-Options': 'SAMEORIGIN',
      'Cache-Control': 'no-store',
    },
  });
}
