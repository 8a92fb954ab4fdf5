import { extname } from 'node:path';

interface TypeInfo {
  type: string;
  /** Worth gzip/brotli: text formats; images and fonts (woff2) are compressed already. */
  compressible: boolean;
}

const TYPES: Record<string, TypeInfo> = {
  '.html': { type: 'text/html; charset=utf-8', compressible: true },
  '.css': { type: 'text/css; charset=utf-8', compressible: true },
  '.js': { type: 'text/javascript; charset=utf-8', compressible: true },
  '.mjs': { type: 'text/javascript; charset=utf-8', compressible: true },
  '.map': { type: 'application/json; charset=utf-8', compressible: true },
  '.json': { type: 'application/json; charset=utf-8', compressible: true },
  '.webmanifest': { type: 'application/manifest+json; charset=utf-8', compressible: true },
  // RSS has no registered type; application/xml lets browsers and feed readers both cope.
  '.xml': { type: 'application/xml; charset=utf-8', compressible: true },
  '.xsl': { type: 'application/xslt+xml; charset=utf-8', compressible: true },
  '.atom': { type: 'application/atom+xml; charset=utf-8', compressible: true },
  '.ics': { type: 'text/calendar; charset=utf-8', compressible: true },
  '.txt': { type: 'text/plain; charset=utf-8', compressible: true },
  '.csv': { type: 'text/csv; charset=utf-8', compressible: true },
  '.svg': { type: 'image/svg+xml', compressible: true },
  '.png': { type: 'image/png', compressible: false },
  '.jpg': { type: 'image/jpeg', compressible: false },
  '.jpeg': { type: 'image/jpeg', compressible: false },
  '.gif': { type: 'image/gif', compressible: false },
  '.webp': { type: 'image/webp', compressible: false },
  '.avif': { type: 'image/avif', compressible: false },
  '.ico': { type: 'image/x-icon', compressible: true },
  '.woff2': { type: 'font/woff2', compressible: false },
  '.woff': { type: 'font/woff', compressible: false },
  '.ttf': { type: 'font/ttf', compressible: true },
  '.pdf': { type: 'application/pdf', compressible: false },
  '.eml': { type: 'message/rfc822', compressible: true },
};

const UNKNOWN: TypeInfo = { type: 'application/octet-stream', compressible: false };

/** The Content-Type for a file name; unknown extensions download rather than render (with nosniff). */
export function contentTypeFor(fileName: string): TypeInfo {
  return TYPES[extname(fileName).toLowerCase()] ?? UNKNOWN;
}
