import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeFor } from './content-types.ts';
import { MIN_COMPRESS, negotiateEncoding } from './content-encoding.ts';
import type { FileCache } from './file-cache.ts';
import { cacheControlFor, encodedEtag, isNotModified, weakEtag } from './http-caching.ts';
import type { LocatedFile } from './locate-file.ts';
import type { SafePath } from './request-path.ts';
import { FEED_POLICY, staticPagePolicy } from './security-headers.ts';

/**
 * Answers with one file of the site: its headers (type, caching, validators, CSP for HTML, CORS
 * for the API), 304 when the client's copy is current, else the body (compressed from the cache,
 * or streamed when too large to keep). A 404 page is sent with status 404 and is not cached.
 */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  located: LocatedFile,
  path: SafePath,
  status: 200 | 404,
  cache: FileCache,
  formActions: readonly string[] = [],
): Promise<void> {
  const { file, info } = located;
  const { type, compressible } = contentTypeFor(file);
  const entry = await cache.load(file, info);
  const baseTag = entry?.etag ?? weakEtag(info);
  const encoding = compressible && entry && entry.body.length >= MIN_COMPRESS ? negotiateEncoding(req.headers['accept-encoding']) : null;

  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', status === 404 ? 'no-cache' : cacheControlFor(path, type));
  res.setHeader('Last-Modified', info.mtime.toUTCString());
  if (status === 200) res.setHeader('ETag', encodedEtag(baseTag, encoding));
  if (compressible) res.setHeader('Vary', 'Accept-Encoding');
  if (entry?.hashes) res.setHeader('Content-Security-Policy', staticPagePolicy(entry.hashes, formActions));
  else if (/\.(xml|atom)$/.test(file)) res.setHeader('Content-Security-Policy', FEED_POLICY);
  // The public JSON API is meant for dashboards and widgets on other sites.
  if (path.segments[0] === 'api') res.setHeader('Access-Control-Allow-Origin', '*');

  if (status === 200 && isNotModified(req, baseTag, info)) {
    res.removeHeader('Content-Type');
    res.writeHead(304);
    res.end();
    return;
  }

  const body = entry ? (encoding ? await cache.encode(entry, encoding) : entry.body) : null;
  if (encoding) res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', body ? body.length : info.size);
  res.writeHead(status);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  if (body) res.end(body);
  else createReadStream(file).on('error', () => res.destroy()).pipe(res);
}
