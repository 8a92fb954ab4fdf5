import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SafePath } from './request-path.ts';

/**
 * How large a request body may be, decided from the request line and headers alone, before a
 * byte of the body is read. Anonymous forms (sign-in, and every admin request without a session
 * cookie) get 16 KB, the one-click unsubscribe 4 KB, the contacts CSV import 5 MB, other admin
 * forms 1 MB. A session cookie is only looked at, not checked: a forged one buys at most 1 MB,
 * which the admin's session check then refuses unread.
 */
export const BODY_LIMITS = {
  anonymous: 16 * 1024,
  unsubscribe: 4 * 1024,
  adminForm: 1024 * 1024,
  csvImport: 5 * 1024 * 1024,
} as const;

const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?helder_session=/;

export function bodyLimitFor(path: SafePath, cookieHeader: string | undefined): number {
  const [first, second, third] = path.segments;
  if (first === 'afmelden') return BODY_LIMITS.unsubscribe;
  if (first !== 'admin' || second === 'aanmelden' || !SESSION_COOKIE.test(cookieHeader ?? '')) return BODY_LIMITS.anonymous;
  if (second === 'contacten' && third === 'import') return BODY_LIMITS.csvImport;
  return BODY_LIMITS.adminForm;
}

export type BodyCheck = { ok: true } | { ok: false; status: 411 | 413; limit: number };

/**
 * Node's parser never delivers more body than Content-Length says, so a declared length within
 * the limit IS the limit being enforced while reading. A body without a declared length (chunked)
 * could only be measured by reading it, so it is refused: browsers and mail providers send forms
 * with a Content-Length.
 */
export function checkBodySize(req: IncomingMessage, limit: number): BodyCheck {
  const declared = req.headers['content-length'];
  if (declared === undefined) {
    return req.headers['transfer-encoding'] === undefined ? { ok: true } : { ok: false, status: 411, limit };
  }
  const length = Number(declared);
  if (!Number.isSafeInteger(length) || length < 0) return { ok: false, status: 411, limit };
  return length > limit ? { ok: false, status: 413, limit } : { ok: true };
}

/**
 * Answers at once and closes the connection without reading the body: keeping it open would
 * make Node read (and discard) the whole upload first, which is what the limit is there to avoid.
 */
export function refuseBody(req: IncomingMessage, res: ServerResponse, check: BodyCheck & { ok: false }): void {
  const kilobytes = Math.floor(check.limit / 1024);
  const text =
    check.status === 413
      ? `Het verzoek is te groot: hier mag hoogstens ${kilobytes} kB worden verstuurd. / The request is too large: at most ${kilobytes} KB may be sent here.`
      : 'Het verzoek noemt zijn lengte niet (Content-Length ontbreekt). / The request does not state its length (Content-Length is missing).';
  const body = Buffer.from(`${text}\n`, 'utf8');
  res.shouldKeepAlive = false;
  res.writeHead(check.status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-store', Connection: 'close' });
  res.end(req.method === 'HEAD' ? undefined : body, () => {
    // Give the client a moment to read the answer, then drop whatever it is still sending.
    setTimeout(() => req.socket.destroy(), 200).unref();
  });
}
