import type { Stats } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Encoding } from './content-encoding.ts';
import type { SafePath } from './request-path.ts';

/** A weak validator from size and mtime, for files too large to hash. */
export function weakEtag(info: Stats): string {
  return `W/"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
}

/** Each encoding of the same bytes gets its own tag (RFC 9110 §8.8.3.3); isNotModified accepts all of them. */
export function encodedEtag(baseTag: string, encoding: Encoding | null): string {
  return encoding ? baseTag.replace(/"$/, `-${encoding}"`) : baseTag;
}

/** Hashed build assets never change; pages, feeds and the API must show a new publish at once. */
export function cacheControlFor(path: SafePath, type: string): string {
  if (path.segments[0] === '_astro' && path.segments.length > 1) return 'public, max-age=31536000, immutable';
  if (/^(text\/|application\/(json|xml|atom\+xml|manifest\+json))/.test(type)) return 'public, max-age=0, must-revalidate';
  return 'public, max-age=3600';
}

/** If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2); any encoding of the same bytes matches. */
export function isNotModified(req: IncomingMessage, baseTag: string, info: Stats): boolean {
  const noneMatch = req.headers['if-none-match'];
  if (noneMatch) {
    const opaque = baseTag.replace(/^W\//, '').replace(/"$/, '');
    return noneMatch.split(',').some((candidate) => {
      const tag = candidate.trim().replace(/^W\//, '');
      return tag === '*' || tag === `${opaque}"` || tag === `${opaque}-br"` || tag === `${opaque}-gzip"`;
    });
  }
  const since = req.headers['if-modified-since'];
  if (!since) return false;
  const sinceMs = Date.parse(since);
  return Number.isFinite(sinceMs) && Math.floor(info.mtimeMs / 1000) * 1000 <= sinceMs;
}
