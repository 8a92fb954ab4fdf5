import { createHash } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { contentTypeFor } from './content-types.ts';
import type { RequestPath } from './request-path.ts';
import { inlineHashes, staticPagePolicy, type InlineHashes } from './security-headers.ts';

type SafePath = Extract<RequestPath, { ok: true }>;
type Encoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Files up to this size are kept in memory (with their compressed forms); larger ones stream. */
const MAX_CACHED_FILE = 4 * 1024 * 1024;
const MIN_COMPRESS = 1024;

interface CachedFile {
  body: Buffer;
  /** Strong validator from the content, so a rebuild that leaves a file unchanged still answers 304. */
  etag: string;
  hashes: InlineHashes | null;
  encoded: Partial<Record<Encoding, Buffer>>;
  bytes: number;
}

export type ServeResult = 'served' | 'not_found' | 'no_site';

export interface StaticFiles {
  /** Serves the file (or directory index) at `path` from the first root that has it. */
  serve(req: IncomingMessage, res: ServerResponse, path: SafePath, roots: readonly string[]): Promise<ServeResult>;
  /** Answers 404 with the site's own 404.html when it has one. */
  notFound(req: IncomingMessage, res: ServerResponse, root: string): Promise<void>;
}

/**
 * Static file serving for the published site. Roots are resolved per request (the `current`
 * symlink may have been switched a moment ago), and every file's real path must stay inside its
 * root, so a symlink planted in a build cannot expose the rest of the disk.
 */
export function createStaticFiles(options: { maxCacheBytes?: number } = {}): StaticFiles {
  const maxCacheBytes = options.maxCacheBytes ?? 64 * 1024 * 1024;
  const cache = new Map<string, CachedFile>();
  let cachedBytes = 0;

  const remember = (key: string, entry: CachedFile) => {
    cache.set(key, entry);
    cachedBytes += entry.bytes;
    for (const [oldKey, oldEntry] of cache) {
      if (cachedBytes <= maxCacheBytes) break;
      cache.delete(oldKey);
      cachedBytes -= oldEntry.bytes;
    }
  };

  const load = async (file: string, info: Stats): Promise<CachedFile | null> => {
    if (info.size > MAX_CACHED_FILE) return null;
    const key = `${file}\u0000${info.mtimeMs}\u0000${info.size}`;
    const hit = cache.get(key);
    if (hit) {
      // Refresh its place in the eviction order.
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const body = await readFile(file);
    const entry: CachedFile = {
      body,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      hashes: file.endsWith('.html') ? inlineHashes(body.toString('utf8')) : null,
      encoded: {},
      bytes: body.length,
    };
    remember(key, entry);
    return entry;
  };

  const encode = async (entry: CachedFile, encoding: Encoding): Promise<Buffer> => {
    const done = entry.encoded[encoding];
    if (done) return done;
    const encoded =
      encoding === 'br'
        ? await brotli(entry.body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: entry.body.length } })
        : await gzipAsync(entry.body, { level: 9 });
    entry.encoded[encoding] = encoded;
    entry.bytes += encoded.length;
    cachedBytes += encoded.length;
    return encoded;
  };

  const send = async (req: IncomingMessage, res: ServerResponse, file: string, info: Stats, path: SafePath, status: 200 | 404) => {
    const { type, compressible } = contentTypeFor(file);
    const entry = await load(file, info);
    const baseTag = entry?.etag ?? `W/"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
    const encoding = compressible && entry && entry.body.length >= MIN_COMPRESS ? negotiateEncoding(req.headers['accept-encoding']) : null;
    const etag = encoding ? baseTag.replace(/"$/, `-${encoding}"`) : baseTag;

    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', status === 404 ? 'no-cache' : cacheControlFor(path, type));
    res.setHeader('Last-Modified', info.mtime.toUTCString());
    if (status === 200) res.setHeader('ETag', etag);
    if (compressible) res.setHeader('Vary', 'Accept-Encoding');
    if (entry?.hashes) res.setHeader('Content-Security-Policy', staticPagePolicy(entry.hashes));
    // The public JSON API is meant for dashboards and widgets on other sites.
    if (path.segments[0] === 'api') res.setHeader('Access-Control-Allow-Origin', '*');

    if (status === 200 && isNotModified(req, baseTag, info)) {
      res.removeHeader('Content-Type');
      res.writeHead(304);
      res.end();
      return;
    }

    const body = entry ? (encoding ? await encode(entry, encoding) : entry.body) : null;
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', body ? body.length : info.size);
    res.writeHead(status);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    if (body) res.end(body);
    else createReadStream(file).on('error', () => res.destroy()).pipe(res);
  };

  /** The real path of `segments` under `root`, or null if missing or outside the root. */
  const locate = async (root: string, segments: readonly string[]): Promise<{ file: string; info: Stats } | null> => {
    let realRoot: string;
    try {
      realRoot = await realpath(root);
    } catch {
      return null;
    }
    try {
      const file = await realpath(join(realRoot, ...segments));
      if (file !== realRoot && !file.startsWith(realRoot + sep)) return null;
      return { file, info: await stat(file) };
    } catch {
      return null;
    }
  };

  return {
    async serve(req, res, path, roots) {
      let anyRoot = false;
      for (const root of roots) {
        const rootInfo = await locate(root, []);
        if (!rootInfo) continue;
        anyRoot = true;
        const found = await locate(root, path.segments);
        if (!found) continue;
        if (found.info.isDirectory()) {
          if (!path.trailingSlash) {
            // rawPath has no empty segments, so the Location can never become "//other-host".
            res.setHeader('Location', `${path.rawPath}/${path.rawQuery}`);
            res.setHeader('Cache-Control', 'public, max-age=3600');
            res.writeHead(301);
            res.end();
            return 'served';
          }
          const index = await locate(root, [...path.segments, 'index.html']);
          if (!index || !index.info.isFile()) continue;
          await send(req, res, index.file, index.info, path, 200);
          return 'served';
        }
        if (!found.info.isFile() || path.trailingSlash) continue;
        await send(req, res, found.file, found.info, path, 200);
        return 'served';
      }
      return anyRoot ? 'not_found' : 'no_site';
    },

    async notFound(req, res, root) {
      const page = await locate(root, ['404.html']);
      if (page?.info.isFile()) {
        await send(req, res, page.file, page.info, { ok: true, segments: ['404.html'], trailingSlash: false, rawPath: '/404.html', rawQuery: '' }, 404);
        return;
      }
      sendPlain(req, res, 404, 'Pagina niet gevonden. / Page not found.');
    },
  };
}

export function sendPlain(req: IncomingMessage, res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  const body = Buffer.from(`${text}\n`, 'utf8');
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-cache', ...headers });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Hashed build assets never change; pages, feeds and the API must show a new publish at once. */
function cacheControlFor(path: SafePath, type: string): string {
  if (path.segments[0] === '_astro' && path.segments.length > 1) return 'public, max-age=31536000, immutable';
  if (/^(text\/|application\/(json|xml|atom\+xml|manifest\+json))/.test(type)) return 'public, max-age=0, must-revalidate';
  return 'public, max-age=3600';
}

/** br before gzip; honours q=0 (RFC 9110 §12.5.3). */
export function negotiateEncoding(header: string | string[] | undefined): Encoding | null {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const weights = new Map<string, number>();
  for (const part of value.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find((found) => found !== undefined);
    weights.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (name: Encoding) => weights.get(name) ?? weights.get('*') ?? 0;
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return null;
}

/** If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2); any encoding of the same bytes matches. */
function isNotModified(req: IncomingMessage, baseTag: string, info: Stats): boolean {
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
