import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDir, switchCurrent } from '../../../src/publish/site-directory.ts';
import { closeServer, createHelderServer } from '../../../src/server/create-helder-server.ts';
import { mountPath } from '../../../src/server/request-hook.ts';
import { rawRequest } from './raw-http.ts';

const BUILD_A = '20261127T081200Z-aaaa';
const BUILD_B = '20261127T084100Z-bbbb';
const SECRET = 'wachtwoord-van-de-beheerder';

const pageHtml = (build: string) => `<!doctype html>
<html lang="nl" class="utrecht-root">
<head>
<meta charset="utf-8">
<title>Status van Voorbeeld Software</title>
<link rel="stylesheet" href="/_astro/index.C9xk2Lq1.css">
<script>document.documentElement.dataset.js = 'ja';</script>
<style>.balk { inline-size: 1rem; }</style>
</head>
<body>
<main>
<h1>Status van Voorbeeld Software</h1>
<p id="indicator" style="color: rgb(29, 79, 145)">Storing in Registra BRP (${build})</p>
${'<p>Sinds 09:05 uur kunnen medewerkers van gemeenten niet inloggen in Registra BRP. We onderzoeken de oorzaak.</p>\n'.repeat(20)}
</main>
</body>
</html>
`;

describe('the HTTP server in front of the published site', () => {
  let root = '';
  let sitesDir = '';
  let adminClientDir = '';
  let server: Server;
  let port = 0;
  const astroCalls: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'helder-server-'));
    sitesDir = join(root, 'site');
    adminClientDir = join(root, 'dist', 'client');
    writeFileSync(join(root, 'geheim.txt'), SECRET);
    for (const build of [BUILD_A, BUILD_B]) {
      const dir = buildDir(sitesDir, build);
      const files: Record<string, string | Buffer> = {
        'index.html': pageHtml(build),
        '404.html': '<!doctype html><html lang="nl"><title>Pagina niet gevonden</title><h1>Pagina niet gevonden</h1></html>',
        'incidenten/2026-11-27-registra-brp-landelijke-storing/index.html': '<!doctype html><title>Registra BRP niet bereikbaar</title>',
        'feeds/incidents.xml': '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Storingen</title></channel></rss>',
        'feeds/incidents.atom': '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Storingen</title></feed>',
        'feeds/maintenance.ics': 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Helder//NL\r\nEND:VCALENDAR\r\n',
        'api/v2/summary.json': JSON.stringify({ page: { id: 'vbsw2026hldr', name: 'Voorbeeld Software' }, incidents: [] }),
        '_astro/index.C9xk2Lq1.css': `.utrecht-root { color: #1d4f91; }\n${'.balk { block-size: 2rem; }\n'.repeat(80)}`,
        '_astro/noto-sans-latin-400-normal.Bx3kLm.woff2': Buffer.from('d09GMgABAAAAAC'.repeat(200), 'base64'),
        '.well-known/security.txt': 'Contact: mailto:security@voorbeeldsoftware.nl\n',
        '.env': `HELDER_SECRET=${SECRET}`,
      };
      for (const [name, body] of Object.entries(files)) {
        mkdirSync(join(dir, name, '..'), { recursive: true });
        writeFileSync(join(dir, name), body);
      }
      symlinkSync(join(root, 'geheim.txt'), join(dir, 'lek.txt'));
      symlinkSync(root, join(dir, 'lekmap'));
    }
    mkdirSync(join(adminClientDir, '_astro'), { recursive: true });
    writeFileSync(join(adminClientDir, '_astro', 'beheer.Df3q9.js'), 'export const beheer = true;\n');
    mkdirSync(join(adminClientDir, 'admin', 'hulp'), { recursive: true });
    writeFileSync(join(adminClientDir, 'admin', 'hulp', 'index.html'), '<!doctype html><title>Hulp bij het beheer</title>');

    server = createHelderServer({
      siteDir: join(sitesDir, 'current'),
      adminClientDir,
      // Stands in for Astro's middleware handler (an external boundary): records what reaches it.
      astroHandler: async (req: IncomingMessage, res: ServerResponse, next) => {
        astroCalls.push(`${req.method} ${req.url}`);
        if (req.url === '/admin/bestaat-niet/' || req.url === '/admin/hulp/') return next?.();
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<h1>Beheer</h1>');
      },
      hooks: [
        mountPath('/afmelden/', (req, res) => {
          res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end(`afgemeld via ${req.method}`);
        }),
      ],
      log: () => {},
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    if (server) await closeServer(server, 100);
    rmSync(root, { recursive: true, force: true });
  });

  const get = (target: string, headers: Record<string, string> = {}, method = 'GET') => rawRequest(port, target, { method, headers });

  it('answers 503 with Retry-After before the first publish', async () => {
    const response = await get('/');
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.text).toContain('De statuspagina wordt gepubliceerd');
  });

  it('serves the directory index of the current build with its headers', async () => {
    switchCurrent(sitesDir, BUILD_A);
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toContain(`Storing in Registra BRP (${BUILD_A})`);
    expect(response.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(response.headers.etag).toMatch(/^"[\w-]{27}"$/);
    expect(new Date(response.headers['last-modified']!).getTime()).toBeGreaterThan(0);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    const csp = response.headers['content-security-policy']!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    // The page's own inline script, <style> and style attribute are allowed by hash, nothing else.
    expect(csp).toMatch(/script-src 'self' 'sha256-[\w+/=]+'; style-src 'self' 'sha256-[\w+/=]+' 'unsafe-hashes' 'sha256-[\w+/=]+';/);
  });

  it('switches to a new build from the very next request', async () => {
    switchCurrent(sitesDir, BUILD_B);
    expect((await get('/')).text).toContain(`(${BUILD_B})`);
    switchCurrent(sitesDir, BUILD_A);
    expect((await get('/')).text).toContain(`(${BUILD_A})`);
  });

  it.each([
    ['/feeds/incidents.xml', 'application/xml; charset=utf-8'],
    ['/feeds/incidents.atom', 'application/atom+xml; charset=utf-8'],
    ['/feeds/maintenance.ics', 'text/calendar; charset=utf-8'],
    ['/api/v2/summary.json', 'application/json; charset=utf-8'],
    ['/_astro/index.C9xk2Lq1.css', 'text/css; charset=utf-8'],
    ['/_astro/noto-sans-latin-400-normal.Bx3kLm.woff2', 'font/woff2'],
    ['/.well-known/security.txt', 'text/plain; charset=utf-8'],
  ])('serves %s as %s', async (target, type) => {
    const response = await get(target);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(type);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it("lets a feed load only the site's own XSLT stylesheet (browsers govern XSLT with script-src); JSON may load nothing", async () => {
    for (const feed of ['/feeds/incidents.xml', '/feeds/incidents.atom']) {
      expect((await get(feed)).headers['content-security-policy']).toBe("default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    }
    expect((await get('/api/v2/summary.json')).headers['content-security-policy']).toContain("script-src 'none'");
  });

  it('lets hashed assets be cached for a year and opens the JSON API to other sites', async () => {
    expect((await get('/_astro/index.C9xk2Lq1.css')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('/api/v2/summary.json')).headers['access-control-allow-origin']).toBe('*');
    expect((await get('/feeds/incidents.xml')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers 304 to a matching If-None-Match or If-Modified-Since, for any encoding of the same bytes', async () => {
    const first = await get('/', { 'Accept-Encoding': 'br' });
    expect(first.headers.etag).toMatch(/-br"$/);
    const plainTag = first.headers.etag!.replace(/-br"$/, '"');

    const again = await get('/', { 'Accept-Encoding': 'br', 'If-None-Match': first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['x-frame-options']).toBe('DENY');
    expect((await get('/', { 'If-None-Match': `"ander", W/${first.headers.etag!}` })).status).toBe(304);
    expect((await get('/', { 'Accept-Encoding': 'gzip', 'If-None-Match': plainTag })).status).toBe(304);
    expect((await get('/', { 'If-None-Match': '"iets-anders"' })).status).toBe(200);

    expect((await get('/', { 'If-Modified-Since': first.headers['last-modified']! })).status).toBe(304);
    expect((await get('/', { 'If-Modified-Since': 'Thu, 01 Jan 2026 00:00:00 GMT' })).status).toBe(200);
    // If-None-Match wins over If-Modified-Since.
    expect((await get('/', { 'If-None-Match': '"iets-anders"', 'If-Modified-Since': first.headers['last-modified']! })).status).toBe(200);
  });

  it('keeps the ETag of a file that a rebuild left unchanged', async () => {
    const before = await get('/_astro/index.C9xk2Lq1.css');
    utimesSync(join(buildDir(sitesDir, BUILD_A), '_astro/index.C9xk2Lq1.css'), new Date(), new Date(Date.now() + 5_000));
    const after = await get('/_astro/index.C9xk2Lq1.css', { 'If-None-Match': before.headers.etag! });
    expect(after.status).toBe(304);
  });

  it('compresses text with brotli or gzip, honours q=0, and leaves fonts alone', async () => {
    const identity = await get('/');
    const br = await get('/', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.text).toBe(identity.text);
    expect(br.wireLength).toBeLessThan(identity.wireLength / 3);
    expect(Number(br.headers['content-length'])).toBe(br.wireLength);

    const gzip = await get('/feeds/maintenance.ics', { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBeUndefined(); // under 1 KB: not worth it
    const css = await get('/_astro/index.C9xk2Lq1.css', { 'Accept-Encoding': 'br;q=0, gzip' });
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(css.text).toContain('.utrecht-root');
    expect((await get('/', { 'Accept-Encoding': 'br;q=0, gzip;q=0' })).headers['content-encoding']).toBeUndefined();
    const font = await get('/_astro/noto-sans-latin-400-normal.Bx3kLm.woff2', { 'Accept-Encoding': 'br, gzip' });
    expect(font.headers['content-encoding']).toBeUndefined();
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await get('/', { 'Accept-Encoding': 'br' }, 'HEAD');
    const full = await get('/', { 'Accept-Encoding': 'br' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(full.headers['content-length']);
    expect(head.headers.etag).toBe(full.headers.etag);
  });

  it('redirects a directory without its trailing slash, keeping the query', async () => {
    const response = await get('/incidenten/2026-11-27-registra-brp-landelijke-storing?taal=nl');
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe('/incidenten/2026-11-27-registra-brp-landelijke-storing/?taal=nl');
    const page = await get('/incidenten/2026-11-27-registra-brp-landelijke-storing/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Registra BRP niet bereikbaar');
  });

  it("answers an unknown path with the site's 404 page and status 404", async () => {
    const response = await get('/incidenten/bestaat-niet/');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toContain('Pagina niet gevonden');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/feeds/incidents.xml/')).status).toBe(404);
  });

  it('refuses other methods on the static site', async () => {
    const response = await rawRequest(port, '/', { method: 'POST', body: 'a=b', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it.each([
    '/../geheim.txt',
    '/../../geheim.txt',
    '/%2e%2e/geheim.txt',
    '/%2E%2E/%2E%2E/geheim.txt',
    '/.%2e/.%2e/geheim.txt',
    '/..%2fgeheim.txt',
    '/..%2F..%2Fgeheim.txt',
    '/%2e%2e%2f%2e%2e%2fgeheim.txt',
    '/incidenten/..%2f..%2f..%2fgeheim.txt',
    '/..%5c..%5cgeheim.txt',
    '/..\\..\\geheim.txt',
    '/%252e%252e/geheim.txt',
    '//geheim.txt',
    '/etc/passwd',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    'http://127.0.0.1/../geheim.txt',
    'http://127.0.0.1/%2e%2e/%2e%2e/geheim.txt',
    '../geheim.txt',
    '/index.html%00.css',
    '/%00/../geheim.txt',
    '/%EF%BC%8E%EF%BC%8E/geheim.txt',
    '/%EF%BC%8E%EF%BC%8E/%EF%BC%8E%EF%BC%8E/geheim.txt',
    '/%EF%BC%8Eenv',
    '/．．/geheim.txt',
    '/.env',
    '/%2eenv',
    '/lek.txt',
    '/lekmap/geheim.txt',
    `/../builds/${BUILD_B}/.env`,
    '/%c0%ae%c0%ae/geheim.txt',
  ])('does not leak anything outside the site for %s', async (target) => {
    const response = await get(target);
    expect([400, 404]).toContain(response.status);
    expect(response.text).not.toContain(SECRET);
    expect(response.text).not.toContain('root:');
  });

  it('refuses a raw NUL byte in the request line', async () => {
    const response = await get('/index.html\u0000.css');
    expect(response.status).toBe(400);
  });

  it('runs hooks before anything else, also for a cookie-less POST without Origin', async () => {
    const post = await rawRequest(port, '/afmelden/abc123', { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(post.status).toBe(200);
    expect(post.text).toBe('afgemeld via POST');
    expect(post.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/afmelden')).text).toBe('afgemeld via GET');
    expect((await get('/afmeldenx')).status).toBe(404);
  });

  it('sends the admin and Astro endpoints to the Astro handler, with admin headers', async () => {
    astroCalls.length = 0;
    const admin = await get('/admin/');
    expect(admin.status).toBe(200);
    expect(admin.text).toBe('<h1>Beheer</h1>');
    expect(admin.headers['referrer-policy']).toBe('same-origin');
    expect(admin.headers['x-frame-options']).toBe('DENY');
    expect(admin.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(admin.headers['x-robots-tag']).toBe('noindex, nofollow');
    await rawRequest(port, '/_actions/goedkeuren', { method: 'POST', body: '' });
    await get('/_server-islands/Voorbeeld');
    await get('/admin');
    expect(astroCalls).toEqual(['GET /admin/', 'POST /_actions/goedkeuren', 'GET /_server-islands/Voorbeeld', 'GET /admin']);

    const prerendered = await get('/admin/hulp/');
    expect(prerendered.status).toBe(200);
    expect(prerendered.text).toContain('Hulp bij het beheer');
    expect(prerendered.headers['referrer-policy']).toBe('same-origin');

    const unknown = await get('/admin/bestaat-niet/');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Pagina niet gevonden');
  });

  it("serves the admin's own hashed assets next to the public site's", async () => {
    expect((await get('/_astro/beheer.Df3q9.js')).text).toContain('beheer = true');
    expect((await get('/_astro/index.C9xk2Lq1.css')).status).toBe(200);
    expect((await get('/_astro/bestaat-niet.js')).status).toBe(404);
  });
});

describe('the server without an admin build', () => {
  it('keeps serving the public site and says the admin is not running', async () => {
    const root = mkdtempSync(join(tmpdir(), 'helder-server-'));
    const dir = buildDir(join(root, 'site'), BUILD_A);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), pageHtml(BUILD_A));
    switchCurrent(join(root, 'site'), BUILD_A);
    const server = createHelderServer({ siteDir: join(root, 'site', 'current'), log: () => {} });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      expect((await rawRequest(port, '/')).status).toBe(200);
      const admin = await rawRequest(port, '/admin/');
      expect(admin.status).toBe(503);
      expect(admin.text).toContain('De beheeromgeving is niet gestart');
    } finally {
      await closeServer(server, 100);
      rmSync(root, { recursive: true, force: true });
    }
  });
});
