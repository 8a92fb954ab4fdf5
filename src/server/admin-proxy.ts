import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AstroHandler } from './astro-handler.ts';
import { sendPlain } from './plain-response.ts';

export interface AdminProxyOptions {
  /** The admin process's loopback port, or null while it (re)starts or hangs. */
  port: () => number | null;
  /** HELDER_TRUST_PROXY: keep the X-Forwarded-For a reverse proxy in front of us wrote. */
  trustProxy: boolean;
  /** How long the admin may take before its answer starts; a hung admin gets 504, not a hung visitor. */
  timeoutMs?: number;
}

/** Connection-level headers: they describe one hop and must not be passed on. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'upgrade', 'te', 'trailer'];

/**
 * Forwards a request to the admin process on loopback and streams its answer back. The public
 * front (scripts/public-front.ts) answers `/` from files on its own event loop; everything of the admin
 * goes through here, so a crashed or hung admin costs its own pages a 503/504 and nothing more.
 *
 * The admin process trusts X-Forwarded-For (it only listens on loopback, to us): this sets it to
 * the visitor's address, or keeps what the operator's own reverse proxy wrote when that is trusted.
 */
export function createAdminProxy(options: AdminProxyOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return (req, res) =>
    new Promise<void>((resolve) => {
      const port = options.port();
      if (port === null) {
        sendPlain(req, res, 503, 'De beheeromgeving is even niet beschikbaar (ze start op of wordt herstart); probeer het over een paar seconden opnieuw. / The admin is unavailable for a moment (starting or restarting); try again in a few seconds.', { 'Retry-After': '5' });
        return resolve();
      }
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined && !HOP_BY_HOP.includes(name)) headers[name] = value;
      }
      const forwarded = req.headers['x-forwarded-for'];
      headers['x-forwarded-for'] = options.trustProxy && typeof forwarded === 'string' && forwarded.trim() !== '' ? forwarded : (req.socket.remoteAddress ?? 'unknown');

      const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers });
      let settled = false;
      const fail = (status: 502 | 504) => {
        if (settled) return;
        settled = true;
        upstream.destroy();
        if (res.headersSent) res.destroy();
        else if (status === 504) sendPlain(req, res, 504, 'De beheeromgeving antwoordt niet op tijd. / The admin did not answer in time.', { 'Retry-After': '10' });
        else sendPlain(req, res, 502, 'De beheeromgeving is even niet bereikbaar en wordt herstart. / The admin is unavailable and being restarted.', { 'Retry-After': '5' });
        resolve();
      };
      const timer = setTimeout(() => fail(504), timeoutMs);
      upstream.once('response', (answer) => {
        clearTimeout(timer);
        const answerHeaders: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value !== undefined && !HOP_BY_HOP.includes(name)) answerHeaders[name] = value;
        }
        res.writeHead(answer.statusCode ?? 502, answerHeaders);
        answer.pipe(res);
        answer.once('error', () => res.destroy());
        res.once('close', () => {
          settled = true;
          answer.destroy();
          resolve();
        });
      });
      upstream.once('error', () => {
        clearTimeout(timer);
        fail(502);
      });
      // A visitor who goes away takes the admin's request with them.
      req.once('aborted', () => upstream.destroy());
      req.pipe(upstream);
    });
}

/** The proxy in the shape of Astro's handler, for createHelderServer's `astroHandler` slot. */
export function adminProxyAsAstroHandler(forward: (req: IncomingMessage, res: ServerResponse) => Promise<void>): AstroHandler {
  return (req, res) => forward(req, res);
}
