import type { IncomingMessage, ServerResponse } from 'node:http';

/** A short plain-text answer (bad request, not found, admin not running, server error), never cached. */
export function sendPlain(req: IncomingMessage, res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  const body = Buffer.from(`${text}\n`, 'utf8');
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-cache', ...headers });
  res.end(req.method === 'HEAD' ? undefined : body);
}
