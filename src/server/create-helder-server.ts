import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AstroHandler } from './astro-handler.ts';
import { bodyLimitFor, checkBodySize, refuseBody } from './body-limits.ts';
import { answerMunicipalitySearch } from './municipality-search.ts';
import type { RequestHook } from './request-hook.ts';
import { parseRequestPath } from './request-path.ts';
import { applySecurityHeaders } from './security-headers.ts';
import { sendPlain } from './plain-response.ts';
import { createStaticFiles } from './static-files.ts';

export interface HelderServerOptions {
  /** The published public site, normally `<sitesDir>/current` (a symlink, resolved per request). */
  siteDir: string;
  /** dist/client of the full build, for the admin's own /_astro assets. */
  adminClientDir?: string | undefined;
  /** Renders the admin's on-demand routes; without it they answer 503. */
  astroHandler?: AstroHandler | undefined;
  /**
   * Makes each Astro render's `Astro.locals`: how admin pages reach the store and publisher. A
   * fresh object per request, because middleware writes per-request facts (the user) into it.
   */
  astroLocals?: (() => object) | undefined;
  /** Routes served by our own code before anything else (e.g. the unsubscribe handler). */
  hooks?: readonly RequestHook[];
  /** Origins public pages may post forms to besides their own (the admin's, for the subscribe form). */
  formActionOrigins?: readonly string[];
  log?: (line: string) => void;
}

/** First path segments that belong to Astro's on-demand side: the admin and Astro's own endpoints. */
const ASTRO_SEGMENTS = new Set(['admin', '_actions', '_server-islands', '_image']);
const ADMIN_METHODS = new Set(['GET', 'HEAD', 'POST']);

/**
 * The one HTTP server of `npm start`: hooks first, then the admin through Astro's handler, then
 * the published static site. A stopped admin never takes the public site down with it: the
 * static part needs only the files of the current build.
 */
export function createHelderServer(options: HelderServerOptions): Server {
  const staticFiles = createStaticFiles({ formActions: options.formActionOrigins ?? [] });
  const hooks = options.hooks ?? [];
  const log = options.log ?? ((line: string) => console.error(line));

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = parseRequestPath(req.url ?? '');
    const toAstro = path.ok && path.segments.length > 0 && ASTRO_SEGMENTS.has(path.segments[0]!);
    applySecurityHeaders(res, toAstro ? 'admin' : 'public');

    if (!path.ok) {
      if (path.status === 404) return staticFiles.notFound(req, res, options.siteDir);
      return sendPlain(req, res, 400, `Ongeldig adres. / Bad request: ${path.reason}.`);
    }

    // Body limits before anything reads the body: hooks, Astro and the static site alike.
    const bodyCheck = checkBodySize(req, bodyLimitFor(path, req.headers.cookie));
    if (!bodyCheck.ok) return refuseBody(req, res, bodyCheck);

    for (const hook of hooks) {
      if (await hook(req, res)) return;
    }

    if (toAstro) {
      // The admin has pages and forms only. Other methods never reach Astro, whose Request
      // refuses some of them (TRACE, CONNECT) by throwing.
      if (!ADMIN_METHODS.has(req.method ?? '')) {
        return sendPlain(req, res, 405, 'Deze methode wordt hier niet gebruikt. / Method not allowed.', { Allow: 'GET, HEAD, POST' });
      }
      if (!options.astroHandler) {
        return sendPlain(req, res, 503, 'De beheeromgeving is niet gestart. / The admin is not running.', { 'Retry-After': '30' });
      }
      // Astro calls next() for routes it has none for, and for admin pages that were prerendered
      // into dist/client (it does not serve files in middleware mode).
      const fallThrough = async () => {
        if (options.adminClientDir && (req.method === 'GET' || req.method === 'HEAD')) {
          if ((await staticFiles.serve(req, res, path, [options.adminClientDir])) === 'served') return;
        }
        await staticFiles.notFound(req, res, options.siteDir);
      };
      let fellThrough: Promise<void> | null = null;
      await options.astroHandler(
        req,
        res,
        (error?: unknown) => {
          if (error) throw error;
          fellThrough = fallThrough();
        },
        options.astroLocals?.() ?? {},
      );
      if (fellThrough) await fellThrough;
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendPlain(req, res, 405, 'Deze pagina kan alleen worden opgevraagd. / Method not allowed.', { Allow: 'GET, HEAD' });
    }
    // The municipality search form (GET ?q=…) is answered from the published page and its index.
    if (await answerMunicipalitySearch(req, res, path, options.siteDir)) return;
    const roots = path.segments[0] === '_astro' && options.adminClientDir ? [options.siteDir, options.adminClientDir] : [options.siteDir];
    const result = await staticFiles.serve(req, res, path, roots);
    if (result === 'no_site') {
      return sendPlain(req, res, 503, 'De statuspagina wordt gepubliceerd; probeer het over een paar seconden opnieuw. / The status page is being published; try again in a few seconds.', {
        'Retry-After': '5',
      });
    }
    if (result === 'not_found') return staticFiles.notFound(req, res, options.siteDir);
  };

  return createServer({ requestTimeout: 30_000, headersTimeout: 15_000, keepAliveTimeout: 5_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`server: ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendPlain(req, res, 500, 'Er ging iets mis op de server. / Internal server error.');
      else res.destroy();
    });
  });
}

/** Stops accepting connections, lets requests in flight finish, and cuts what is left after `graceMs`. */
export function closeServer(server: Server, graceMs = 5_000): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
