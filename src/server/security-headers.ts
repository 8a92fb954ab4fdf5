import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export interface InlineHashes {
  /** CSP sources ('sha256-…') of inline <script> elements. */
  scripts: string[];
  /** Of inline <style> elements. */
  styles: string[];
  /** Of style="…" attributes (need 'unsafe-hashes'). */
  styleAttributes: string[];
}

const EXECUTABLE_SCRIPT_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript', 'importmap', 'speculationrules']);

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Hashes of everything inline in a page, so the page's CSP can allow exactly those and still
 * refuse 'unsafe-inline'. The HTML is our own build output; an injected script would not be in
 * the built file and therefore not be allowed.
 */
export function inlineHashes(html: string): InlineHashes {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const styleAttributes = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attributes = match[1] ?? '';
    if (/\ssrc\s*=/i.test(attributes) || !match[2]) continue;
    const type = /\stype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase() ?? '';
    if (EXECUTABLE_SCRIPT_TYPES.has(type)) scripts.add(sha256(match[2]));
  }
  for (const match of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)) {
    styles.add(sha256(match[1] ?? ''));
  }
  const withoutRawText = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
  for (const tag of withoutRawText.matchAll(/<[a-zA-Z][^>]*>/g)) {
    for (const attribute of tag[0].matchAll(/\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi)) {
      styleAttributes.add(sha256(decodeEntities(attribute[1] ?? attribute[2] ?? attribute[3] ?? '')));
    }
  }
  return { scripts: [...scripts], styles: [...styles], styleAttributes: [...styleAttributes] };
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return named[entity.toLowerCase()] ?? whole;
  });
}

/** The policy for a static public page: only our own files plus the page's own inline hashes. */
export function staticPagePolicy(hashes: InlineHashes = { scripts: [], styles: [], styleAttributes: [] }, formActions: readonly string[] = []): string {
  const styleSources = [
    "'self'",
    ...hashes.styles,
    ...(hashes.styleAttributes.length > 0 ? ["'unsafe-hashes'", ...hashes.styleAttributes] : []),
  ];
  return [
    "default-src 'self'",
    `script-src ${["'self'", ...hashes.scripts].join(' ')}`,
    `style-src ${styleSources.join(' ')}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Plus the admin's origin: the subscribe form posts to /abonneren there.
    `form-action ${["'self'", ...formActions].join(' ')}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * For RSS and Atom: like NON_PAGE_POLICY, but the browser may load the site's own XSLT stylesheet
 * (/feeds/feed.xsl, which turns an opened feed into a readable page). Browsers govern XSLT with
 * script-src; the stylesheet's output has no scripts and the site serves none.
 */
export const FEED_POLICY = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** For anything that is not a page (feeds, JSON, fonts, errors): nothing may run, nothing may frame it. */
export const NON_PAGE_POLICY = "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Headers every response carries, set before any handler runs so hooks and Astro inherit them
 * (a handler may still replace the CSP with a stricter, page-specific one). HSTS is left to the
 * TLS proxy: this server speaks plain HTTP on a private address.
 */
export function applySecurityHeaders(res: ServerResponse, area: 'public' | 'admin'): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', area === 'admin' ? 'same-origin' : 'strict-origin-when-cross-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  res.setHeader('Content-Security-Policy', area === 'admin' ? staticPagePolicy() : NON_PAGE_POLICY);
  if (area === 'admin') {
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('X-Robots-Tag', 'noindex, nofollow');
  }
}
