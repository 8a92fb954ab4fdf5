import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseRequestPath } from './request-path.ts';

/**
 * A route served by our own code before Astro sees the request, e.g. the RFC 8058 one-click
 * unsubscribe POST, which arrives without cookies or Origin and would fail Astro's origin check.
 * Returns true when it answered the request.
 */
export type RequestHook = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/**
 * Mounts a handler on every path under `prefix` ("/afmelden/" serves "/afmelden/…" and
 * "/afmelden"). The handler answers the request itself.
 */
export function mountPath(prefix: string, handler: (req: IncomingMessage, res: ServerResponse) => unknown, methods?: readonly string[]): RequestHook {
  if (!prefix.startsWith('/') || !prefix.endsWith('/')) throw new Error(`mountPath: prefix must start and end with "/", got "${prefix}"`);
  const bare = prefix.slice(0, -1);
  return async (req, res) => {
    const parsed = parseRequestPath(req.url ?? '');
    if (!parsed.ok || (parsed.rawPath !== bare && !parsed.rawPath.startsWith(prefix))) return false;
    if (methods && !methods.includes(req.method ?? '')) return false;
    await handler(req, res);
    return true;
  };
}
