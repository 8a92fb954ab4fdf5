import type { IncomingMessage, ServerResponse } from 'node:http';
import { Refusal } from '../domain/index.ts';
import type { UseCaseContext } from '../use-cases/context.ts';
import { alertsAsJson, listSignalAlerts } from '../use-cases/signals/list-alerts.ts';
import { authenticateApiToken } from '../use-cases/signals/api-tokens.ts';
import { recordSignal } from '../use-cases/signals/record-signal.ts';

const SIGNALS_PATH = '/api/v1/signals';
const ALERTS_PATH = '/api/v1/signals/alerts';
export const SIGNALS_BODY_LIMIT = 16 * 1024;

/**
 * The signal intake API for service-management tools and monitoring, served before Astro and the
 * static site: `POST /api/v1/signals` stores one signal, `GET /api/v1/signals/alerts` lists the
 * open alerts. Both need `Authorization: Bearer <token>` (a token of scope "signals", made with
 * `npm run helder -- token add`). Every answer is JSON; a refused field is named in it.
 */
export function createSignalsApiHandler(ctx: UseCaseContext, options: { ratePerMinute: number; now?: () => number }) {
  const limiter = createRateLimiter(options.ratePerMinute, options.now ?? Date.now);
  return async function handleSignalsApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '');
    if (path !== SIGNALS_PATH && path !== ALERTS_PATH) return false;
    const allowed = path === SIGNALS_PATH ? 'POST' : 'GET, HEAD';
    if (!allowed.split(', ').includes(req.method ?? '')) {
      sendJson(res, 405, { error: 'method_not_allowed', allowed }, { Allow: allowed });
      return true;
    }
    const caller = authenticateApiToken(ctx, req.headers.authorization, 'signals');
    if (!caller) {
      // Drain what was sent so the client reads our answer rather than a reset connection.
      req.resume();
      sendJson(res, 401, { error: 'unauthorized', message: 'A valid token is required: Authorization: Bearer <token>.' }, { 'WWW-Authenticate': 'Bearer realm="helder-signals"' });
      return true;
    }
    const wait = limiter(caller.tokenId);
    if (wait > 0) {
      req.resume();
      sendJson(res, 429, { error: 'rate_limited', retry_after_seconds: wait }, { 'Retry-After': String(wait) });
      return true;
    }
    if (path === ALERTS_PATH) {
      sendJson(res, 200, alertsAsJson(listSignalAlerts(ctx, caller)), {}, req.method === 'HEAD');
      return true;
    }

    const body = await readBody(req, SIGNALS_BODY_LIMIT);
    if (body === null) {
      sendJson(res, 413, { error: 'body_too_large', limit_bytes: SIGNALS_BODY_LIMIT }, { Connection: 'close' });
      return true;
    }
    let input: unknown;
    try {
      input = JSON.parse(body);
    } catch {
      sendJson(res, 400, { error: 'invalid_json', problems: [{ field: '(body)', code: 'invalid_json' }] });
      return true;
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      sendJson(res, 400, { error: 'invalid_input', problems: [{ field: '(body)', code: 'wrong_type', params: { expected: 'object' } }] });
      return true;
    }
    try {
      const result = recordSignal(ctx, caller, input as Record<string, unknown>);
      sendJson(res, result.created ? 201 : 200, result.created ? { id: result.id } : { id: result.id, duplicate: true });
    } catch (error) {
      if (!Refusal.is(error)) throw error;
      sendJson(res, 400, { error: error.code, problems: error.problems.map((problem) => ({ field: problem.field, code: problem.code, ...(problem.params ? { params: problem.params } : {}) })) });
    }
    return true;
  };
}

/**
 * A token bucket per API token: `perMinute` requests a minute, bursts up to the same number.
 * Returns 0 when the request may go ahead, else the seconds to wait.
 */
function createRateLimiter(perMinute: number, now: () => number): (key: number) => number {
  const buckets = new Map<number, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  return (key) => {
    const time = now();
    const bucket = buckets.get(key) ?? { tokens: perMinute, at: time };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (time - bucket.at) * perMs);
    bucket.at = time;
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  };
}

/** The body as text, or null when it is larger than `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}, headOnly = false): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-store', ...headers });
  res.end(headOnly ? undefined : body);
}
