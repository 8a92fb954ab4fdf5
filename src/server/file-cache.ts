import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { compress, type Encoding } from './content-encoding.ts';
import { inlineHashes, type InlineHashes } from './security-headers.ts';

/** Files up to this size are kept in memory (with their compressed forms); larger ones stream. */
const MAX_CACHED_FILE = 4 * 1024 * 1024;

export interface CachedFile {
  body: Buffer;
  /** Strong validator from the content, so a rebuild that leaves a file unchanged still answers 304. */
  etag: string;
  /** The hashes of an HTML page's inline scripts and styles, for its CSP. */
  hashes: InlineHashes | null;
  encoded: Partial<Record<Encoding, Buffer>>;
  bytes: number;
}

export interface FileCache {
  /** The file's bytes and what is derived from them, or null for a file too large to keep (stream it). */
  load(file: string, info: Stats): Promise<CachedFile | null>;
  /** The file compressed, computed on first use and kept with it. */
  encode(entry: CachedFile, encoding: Encoding): Promise<Buffer>;
}

/**
 * Small files of the published site in memory, least recently used evicted first once the total
 * passes `maxCacheBytes`. Entries are keyed by path, mtime and size, so a switched build is read afresh.
 */
export function createFileCache(maxCacheBytes: number): FileCache {
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

  return {
    async load(file, info) {
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
    },

    async encode(entry, encoding) {
      const done = entry.encoded[encoding];
      if (done) return done;
      const encoded = await compress(entry.body, encoding);
      entry.encoded[encoding] = encoded;
      entry.bytes += encoded.length;
      cachedBytes += encoded.length;
      return encoded;
    },
  };
}
