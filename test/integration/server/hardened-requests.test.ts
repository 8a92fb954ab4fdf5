import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, signInOverHttp, startAdmin, type AdminHarness } from '../admin/admin-harness.ts';
import { ensureFullBuild } from '../../support/full-build.ts';

const INCIDENT = '2026-11-27-registra-brp-landelijke-storing';

let harness: AdminHarness;
let port: number;
let adminCookie: string;
let composerCookie: string;

beforeAll(async () => {
  harness = await startAdmin();
  port = Number(new URL(harness.origin).port);
  adminCookie = await signInOverHttp(harness, 'admin');
  composerCookie = await signInOverHttp(harness, 'composer');
  // Serve the full build's public pages until this fresh data directory's first publish is done
  // (a publish is a whole Astro build: not worth waiting for here).
  const current = join(harness.config.dataDir, 'site', 'current');
  if (!existsSync(current)) {
    mkdirSync(dirname(current), { recursive: true });
    symlinkSync(join(await ensureFullBuild(), 'client'), current);
  }
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

interface Answer {
  status: number;
  head: string;
  body: string;
  ms: number;
}

/**
 * Sends request bytes as given (method, target, headers and body unchecked) on a fresh connection
 * and reads the answer's status line and the rest until the server closes. A server that does not
 * answer within `timeoutMs` fails the test: that is a hang.
 */
function send(bytes: Buffer, timeoutMs = 10_000): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to: ${bytes.subarray(0, 200).toString('latin1')}`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const split = raw.indexOf('\r\n\r\n');
      const head = split === -1 ? raw : raw.slice(0, split);
      // An interim "100 Continue" (for Expect: 100-continue) precedes the real answer.
      const final = [...raw.matchAll(/^HTTP\/1\.[01] (\d{3})/gm)].map((match) => Number(match[1])).find((status) => status >= 200) ?? 0;
      resolve({ status: final, head, body: split === -1 ? '' : raw.slice(split + 4), ms: performance.now() - started });
    };
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may close while the client still writes (a refused large body): what was answered counts.
    socket.on('error', () => (chunks.length > 0 ? finish() : (clearTimeout(timer), reject(new Error('connection failed without an answer')))));
    socket.on('end', finish);
  });
}

function request(method: string, target: string, headers: Record<string, string>, body?: Buffer | string): Buffer {
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const lines = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-length' || name.toLowerCase() === 'transfer-encoding')) {
    lines.push(`Content-Length: ${payload.length}`);
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}

const form = (extra: Record<string, string> = {}) => ({ Origin: harness.origin, 'Content-Type': 'application/x-www-form-urlencoded', ...extra });

describe('body limits, before the body is read', () => {
  it('refuses a 10 MB anonymous sign-in POST with 413 in under a second', async () => {
    const declared = 10 * 1024 * 1024;
    // Only the headers and the first bytes are sent: the answer must not wait for the rest.
    const answer = await send(request('POST', '/admin/aanmelden', form({ 'Content-Length': String(declared) }), 'email=a%40b.nl&password='));
    expect(answer.status).toBe(413);
    expect(answer.ms).toBeLessThan(1000);
    expect(answer.body).toContain('hoogstens 16 kB');
    expect(answer.body).toContain('at most 16 KB');
  });

  it('refuses a 10 MB body actually sent, answering before it is read', async () => {
    const answer = await send(request('POST', '/admin/aanmelden', form(), Buffer.alloc(10 * 1024 * 1024, 'a')));
    expect(answer.status).toBe(413);
    expect(answer.ms).toBeLessThan(1000);
  });

  it('answers a 5 KB unsubscribe POST with 413 (it used to get no answer at all)', async () => {
    const answer = await send(request('POST', '/afmelden/onbekend-token', { 'Content-Type': 'application/x-www-form-urlencoded' }, `List-Unsubscribe=One-Click&x=${'a'.repeat(5 * 1024)}`));
    expect(answer.status).toBe(413);
  });

  it('gives a signed-in admin 1 MB for forms and 5 MB for the CSV import', async () => {
    const twoMegabytes = `naam=${'a'.repeat(2 * 1024 * 1024)}`;
    expect((await send(request('POST', '/admin/gebruikers', form({ Cookie: adminCookie }), twoMegabytes))).status).toBe(413);
    // The same size is within the import's limit (refused for its content, not its size) …
    const csv = request('POST', '/admin/contacten/import', form({ Cookie: adminCookie }), `actie=controleren&csv=${'a'.repeat(2 * 1024 * 1024)}`);
    expect((await send(csv)).status).not.toBe(413);
    // … and 6 MB is not.
    expect((await send(request('POST', '/admin/contacten/import', form({ Cookie: adminCookie, 'Content-Length': String(6 * 1024 * 1024) }), 'x'))).status).toBe(413);
    // Without a session cookie, the anonymous limit applies to every admin address.
    expect((await send(request('POST', '/admin/contacten/import', form(), `csv=${'a'.repeat(20 * 1024)}`))).status).toBe(413);
  });

  it('refuses a body of unknown length (chunked) to the admin with 411', async () => {
    const answer = await send(request('POST', '/admin/aanmelden', form({ 'Transfer-Encoding': 'chunked' }), '5\r\nemail\r\n0\r\n\r\n'));
    expect(answer.status).toBe(411);
  });
});

describe('bodies that are not forms, or broken forms', () => {
  it('answers JSON on a form with 415 and a page in Dutch, or in English for an English reader', async () => {
    const json = JSON.stringify({ email: PEOPLE.admin.email, password: PEOPLE.admin.password });
    const dutch = await send(request('POST', '/admin/aanmelden', { Origin: harness.origin, 'Content-Type': 'application/json' }, json));
    expect(dutch.status).toBe(415);
    expect(dutch.body).toContain('<html lang="nl"');
    expect(dutch.body).toContain('Dit verzoek is niet als formulier verstuurd.');
    const english = await send(request('POST', '/admin/aanmelden', { Origin: harness.origin, 'Content-Type': 'application/json', Cookie: 'helder_taal=en' }, json));
    expect(english.status).toBe(415);
    expect(english.body).toContain('<html lang="en"');
    expect(english.body).toContain('This request was not sent as a form.');
  });

  it('answers a malformed multipart body with 400 and a page, without a stack trace', async () => {
    for (const [contentType, body] of [
      ['multipart/form-data; boundary=grens', '--grens\r\nContent-Disposition: form-data; name="email"\r\n\r\nzonder einde'],
      ['multipart/form-data', 'geen grens opgegeven'],
      ['multipart/form-data; boundary=grens', '\u0000\u0001\u0002 rommel'],
    ] as const) {
      const answer = await send(request('POST', '/admin/aanmelden', { Origin: harness.origin, 'Content-Type': contentType }, body));
      expect(answer.status, contentType).toBe(400);
      expect(answer.body).toContain('Het formulier kwam beschadigd aan en is niet verwerkt.');
      expect(answer.body).not.toMatch(/at .*\.(ts|js|mjs):\d+/);
    }
  });
});

describe('length limits and names that reach headers', () => {
  it('refuses a title of 102,401 characters with a message at the field, and writes nothing', async () => {
    const before = harness.ctx.content.read().incidents.length;
    const body = new URLSearchParams({ title_nl: 'Zaakstroom '.repeat(10_000), body_nl: 'We onderzoeken het.', impact: 'major', scope: 'all', status: 'investigating', product_zaakstroom: 'major_outage' }).toString();
    const answer = await send(request('POST', '/admin/incidenten/nieuw', form({ Cookie: composerCookie }), body));
    expect(answer.status).toBe(422);
    expect(answer.body).toContain('Gebruik hoogstens 200 tekens.');
    expect(harness.ctx.content.read().incidents.length).toBe(before);
  });
});

/** Every admin route pattern as src/admin/integration.ts registers it, with sample ids filled in. */
function adminRoutes(): string[] {
  const source = readFileSync(new URL('../../../src/admin/integration.ts', import.meta.url), 'utf8');
  const patterns = [...source.matchAll(/\['(\/admin[^']*)',/g)].map((match) => match[1]!);
  expect(patterns.length).toBeGreaterThan(30);
  return patterns.map((pattern) => pattern.replace('[id]', pattern.includes('incidenten') ? INCIDENT : '1').replace(/\[[a-z]+\]/g, '1'));
}

const PUBLIC_ROUTES = ['/', '/en/', '/api/v2/summary.json', '/api/v2/incidents.json', '/gemeenten/', '/gemeenten/zoeken/?q=utrecht', `/incidenten/${INCIDENT}/`, '/afmelden/abc123', '/_astro/x.css', '/robots.txt'];

describe('fuzzing every route', () => {
  it('answers 2,000 random and malformed requests without a 5xx or a hang, and stays alive', async () => {
    const routes = [...adminRoutes(), ...PUBLIC_ROUTES];
    const target = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...routes) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...routes), fc.webQueryParameters()).map(([path, query]) => `${path}?${query}`) },
      { weight: 1, arbitrary: fc.webPath().map((path) => path || '/') },
      { weight: 1, arbitrary: fc.constantFrom('/admin/../etc/passwd', '/%2e%2e/%2e%2e/', '/admin/%00', '//admin', '/admin/incidenten/%ff%fe', '*', '/admin/' + 'a'.repeat(5000)) },
    );
    const method = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('GET', 'POST') }, { weight: 1, arbitrary: fc.constantFrom('HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'GETT') });
    const contentType = fc.constantFrom(
      undefined,
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=grens',
      'multipart/form-data',
      'application/json',
      'text/plain',
      'text/csv',
      'application/x-www-form-urlencoded; charset=latin1',
      ';;;',
      'multipart/form-data; boundary=""',
    );
    const body = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 300 }),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      fc.dictionary(fc.constantFrom('email', 'password', 'title_nl', 'body_nl', 'naam', 'rollen', 'actie', 'csv', 'bevestig', 'List-Unsubscribe'), fc.string({ maxLength: 40 })).map((fields) => new URLSearchParams(fields).toString()),
      fc.constant('--grens\r\nContent-Disposition: form-data; name="bestand"; filename="a.csv"\r\n\r\nnaam;e-mailadres\r\n'),
      fc.jsonValue().map((value) => JSON.stringify(value)),
    );
    const headers = fc.record(
      {
        origin: fc.constantFrom(harness.origin, 'null', 'https://aanvaller.example', 'http://127.0.0.1:1'),
        cookie: fc.constantFrom(adminCookie, composerCookie, 'helder_session=' + 'A'.repeat(43), 'helder_taal=en', 'helder_device=x; helder_session=;;', '=;=;'),
        contentType,
        fetchSite: fc.constantFrom('same-origin', 'cross-site', 'none'),
        extra: fc.constantFrom(undefined, 'X-Forwarded-For: 203.0.113.9, 10.0.0.1', 'Accept-Encoding: br, gzip', 'If-None-Match: "x"', 'Range: bytes=0-10', 'Expect: 100-continue'),
      },
      { requiredKeys: [] },
    );
    const length = fc.constantFrom('exact', 'exact', 'exact', 'missing', 'shorter', 'huge');
    const requestArbitrary = fc.tuple(method, target, headers, body, length).map(([verb, path, header, payload, lengthMode]) => {
      const list: Record<string, string> = {};
      if (header.origin) list.Origin = header.origin;
      if (header.cookie) list.Cookie = header.cookie;
      if (header.contentType) list['Content-Type'] = header.contentType;
      if (header.fetchSite) list['Sec-Fetch-Site'] = header.fetchSite;
      if (header.extra) {
        const [name, value] = header.extra.split(': ');
        list[name!] = value!;
      }
      const bytes = payload === undefined ? undefined : Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8');
      if (bytes !== undefined && lengthMode === 'shorter') list['Content-Length'] = String(Math.floor(bytes.length / 2));
      if (bytes !== undefined && lengthMode === 'huge') list['Content-Length'] = String(50 * 1024 * 1024);
      if (bytes !== undefined && lengthMode === 'missing') list['Transfer-Encoding'] = 'chunked';
      return request(verb, path, list, lengthMode === 'missing' && bytes !== undefined ? Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n0\r\n\r\n')]) : bytes);
    });

    const samples = fc.sample(requestArbitrary, { numRuns: 2000, seed: 20261203 });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < samples.length) {
        const bytes = samples[next++]!;
        const answer = await send(bytes);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status >= 500) failures.push(`${answer.status} for ${bytes.subarray(0, 160).toString('latin1')}`);
        if (answer.status === 0) failures.push(`no status line for ${bytes.subarray(0, 160).toString('latin1')}`);
        if (/\bat [^\n]*\.(?:ts|mjs|js):\d+:\d+/.test(answer.body)) failures.push(`stack trace in the answer to ${bytes.subarray(0, 160).toString('latin1')}`);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: 8 }, worker));
    console.info(`fuzz: ${samples.length} requests in ${((performance.now() - started) / 1000).toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    expect(failures).toEqual([]);
    // Still alive and still serving both sides.
    expect((await send(request('GET', '/', {}))).status).toBe(200);
    expect((await send(request('GET', '/admin/aanmelden', {}))).status).toBe(200);
  }, 200_000);
});
