import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An incident as TOPdesk's GET /tas/api/incidents returns it (the fields Helder asks for, and a few it does not). */
export interface FakeTopdeskIncident {
  id: string;
  number: string;
  briefDescription: string;
  callDate: string;
  creationDate: string;
  callerBranch: { id: string; name: string } | null;
  caller: { id: string; dynamicName: string; branch: { id: string; name: string } | null } | null;
  category: { id: string; name: string } | null;
  subcategory: { id: string; name: string } | null;
  object: { id: string; name: string } | null;
  status: string;
}

export interface FakeTopdesk {
  url: string;
  incidents: FakeTopdeskIncident[];
  /** Every request: path with query, and the Authorization header. */
  requests: Array<{ url: URL; authorization: string | undefined }>;
  /** Answers to give before the normal ones, in order: a status code (429 with Retry-After: 0, 5xx plain). */
  failNext(...statuses: number[]): void;
  close(): Promise<void>;
}

/** TOPdesk's date format: "2026-12-03T08:15:00.000+0000". */
export function topdeskDate(instant: Date): string {
  return instant.toISOString().replace('Z', '+0000');
}

/**
 * A TOPdesk on 127.0.0.1 that follows the documented request and response shapes of
 * GET /tas/api/incidents: Basic authentication with an application password (401 otherwise),
 * a FIQL `query` (creationDate with =ge= / =gt=, joined by ";"), `fields` (only those are
 * returned), `sort=creationDate:asc`, paging with `pageStart`/`pageSize` answering 206 Partial
 * Content while more follow, 200 for the last page and 204 when nothing matches.
 */
export async function startFakeTopdesk(credentials: { username: string; password: string }): Promise<FakeTopdesk> {
  const incidents: FakeTopdeskIncident[] = [];
  const requests: FakeTopdesk['requests'] = [];
  const failures: number[] = [];
  const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ url, authorization: req.headers.authorization });
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers }).end(text);
    };
    if (url.pathname !== '/tas/api/incidents' || req.method !== 'GET') return json(404, [{ message: 'Not found' }]);
    if (req.headers.authorization !== expected) return json(401, [{ message: 'Unauthorized' }], { 'WWW-Authenticate': 'Basic realm="TOPdesk"' });
    const failure = failures.shift();
    if (failure === 429) return json(429, [{ message: 'Too many requests' }], { 'Retry-After': '0' });
    if (failure !== undefined) return json(failure, [{ message: 'Service unavailable' }]);

    let matching = [...incidents];
    for (const clause of (url.searchParams.get('query') ?? '').split(';').filter(Boolean)) {
      const match = /^creationDate=(ge|gt)=(.+)$/.exec(clause);
      if (!match) return json(400, [{ message: `Unsupported query: ${clause}` }]);
      const bound = new Date(match[2]!).getTime();
      matching = matching.filter((incident) => {
        const created = new Date(incident.creationDate.replace(/(\d{2})(\d{2})$/, '$1:$2')).getTime();
        return match[1] === 'ge' ? created >= bound : created > bound;
      });
    }
    if (url.searchParams.get('sort') === 'creationDate:asc') matching.sort((a, b) => a.creationDate.localeCompare(b.creationDate));
    const pageStart = Number(url.searchParams.get('pageStart') ?? '0');
    const pageSize = Math.min(Number(url.searchParams.get('pageSize') ?? '10'), 10_000);
    const page = matching.slice(pageStart, pageStart + pageSize);
    if (page.length === 0) return res.writeHead(204).end();
    const fields = url.searchParams.get('fields')?.split(',');
    const shaped = fields ? page.map((incident) => Object.fromEntries(Object.entries(incident).filter(([key]) => fields.includes(key)))) : page;
    return json(pageStart + pageSize < matching.length ? 206 : 200, shaped);
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    incidents,
    requests,
    failNext: (...statuses) => failures.push(...statuses),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
