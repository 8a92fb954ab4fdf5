export type RequestPath =
  | {
      ok: true;
      /** Decoded path segments, each a safe file or folder name. */
      segments: string[];
      /** The URL ended in "/" (a directory page). */
      trailingSlash: boolean;
      /** The path as received (still encoded), for redirects. */
      rawPath: string;
      /** "?…" or "". */
      rawQuery: string;
    }
  | { ok: false; status: 400 | 404; reason: string };

/** A path that passed the checks: safe to join onto a site root. */
export type SafePath = Extract<RequestPath, { ok: true }>;

/** Folders whose names start with a dot but are meant to be public (RFC 8615). */
const PUBLIC_DOT_FOLDERS = new Set(['.well-known']);

// C0 controls, DEL, and C1 controls never belong in a file name we serve.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Turns a request target into path segments that can be joined onto a site root without leaving
 * it. Strict on purpose: anything a static site never links to ("..", encoded slashes and
 * backslashes, NUL, empty segments, characters that Unicode normalisation turns into dots or
 * slashes such as fullwidth "．．") is refused instead of cleaned up, so no decoding layer
 * below us can be tricked. Dotfiles are "not found".
 */
export function parseRequestPath(target: string): RequestPath {
  let rest = target;
  // Absolute-form targets ("GET http://host/path") are legal HTTP/1.1; only the path counts.
  const absolute = /^https?:\/\/[^/?#]*/i.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length) || '/';
  if (!rest.startsWith('/')) return { ok: false, status: 400, reason: 'the request target must start with "/"' };

  const queryAt = rest.search(/[?#]/);
  const rawPath = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const rawQuery = queryAt === -1 || rest[queryAt] === '#' ? '' : rest.slice(queryAt).replace(/#.*$/, '');
  if (rawPath.includes('\\') || CONTROL.test(rawPath)) return { ok: false, status: 400, reason: 'backslashes and control characters are not allowed in a path' };

  const parts = rawPath.split('/').slice(1);
  const trailingSlash = parts.length > 0 && parts[parts.length - 1] === '';
  if (trailingSlash) parts.pop();

  const segments: string[] = [];
  for (const [index, part] of parts.entries()) {
    if (part === '') return { ok: false, status: 400, reason: 'empty path segment ("//")' };
    if (/%(2f|5c|00)/i.test(part)) return { ok: false, status: 400, reason: 'encoded "/", "\\" or NUL in a path segment' };
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return { ok: false, status: 400, reason: 'malformed percent-encoding' };
    }
    for (const form of new Set([decoded, decoded.normalize('NFKC'), decoded.normalize('NFKD')])) {
      if (form === '.' || form === '..' || form.includes('/') || form.includes('\\') || CONTROL.test(form)) {
        return { ok: false, status: 400, reason: `path segment ${JSON.stringify(decoded)} is not a plain name` };
      }
      if (form.startsWith('.') && !(index === 0 && PUBLIC_DOT_FOLDERS.has(form))) {
        return { ok: false, status: 404, reason: 'hidden files are not served' };
      }
    }
    segments.push(decoded);
  }
  return { ok: true, segments, trailingSlash, rawPath, rawQuery };
}
