import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { contentTypeFor } from '../server/content-types.ts';

/** One file of a build as an object store keeps it. */
export interface SiteFile {
  /** The path inside the site with forward slashes, e.g. "en/incidenten/index.html". */
  key: string;
  path: string;
  /** Hex MD5 of the bytes: S3's ETag of a single-part upload, so unchanged files are skipped. */
  md5: string;
  contentType: string;
  cacheControl: string;
  /** Assets go up first and pages last, so no reader gets a page whose stylesheet is not there yet. */
  phase: 'assets' | 'pages';
}

/** What a reader opens directly and what links to assets: uploaded after every asset. */
const PAGE_EXTENSIONS = new Set(['.html', '.json', '.xml', '.atom', '.rss', '.ics', '.txt', '.webmanifest', '.xsl']);

/** Files whose name carries a hash of their content: Astro's /_astro/ and the site stylesheet /assets/helder-<hash>.css. */
const HASHED = /^(_astro\/.+|assets\/[a-z0-9-]+-[0-9a-f]{10}\.[a-z0-9]+)$/;

/**
 * Hashed build assets never change, so a CDN and browsers may keep them for a year. Pages, the
 * API and feeds must show a new publish quickly, yet a CDN may still absorb a rush of readers
 * during an outage: one minute. Other files (favicon, fonts with fixed names) one hour.
 */
export function cacheControlForKey(key: string): string {
  if (HASHED.test(key)) return 'public, max-age=31536000, immutable';
  if (PAGE_EXTENSIONS.has(extname(key).toLowerCase())) return 'public, max-age=60';
  return 'public, max-age=3600';
}

export function phaseOf(key: string): SiteFile['phase'] {
  return PAGE_EXTENSIONS.has(extname(key).toLowerCase()) ? 'pages' : 'assets';
}

/**
 * Every file of a build, sorted by key, with the metadata its object gets. Dot-files are left out.
 * Reads one file at a time: hashing runs in the server's process and must not starve its requests.
 */
export async function listSiteFiles(dir: string): Promise<SiteFile[]> {
  const files: SiteFile[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const key = relative(dir, path).split(sep).join('/');
    if (key.split('/').some((part) => part.startsWith('.'))) continue;
    files.push({
      key,
      path,
      md5: createHash('md5').update(await readFile(path)).digest('hex'),
      contentType: contentTypeFor(key).type,
      cacheControl: cacheControlForKey(key),
      phase: phaseOf(key),
    });
  }
  return files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
