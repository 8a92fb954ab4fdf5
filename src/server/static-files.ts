import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFileCache } from './file-cache.ts';
import { locateFile } from './locate-file.ts';
import { sendPlain } from './plain-response.ts';
import type { SafePath } from './request-path.ts';
import { sendFile } from './send-file.ts';

export type ServeResult = 'served' | 'not_found' | 'no_site';

export interface StaticFiles {
  /** Serves the file (or directory index) at `path` from the first root that has it. */
  serve(req: IncomingMessage, res: ServerResponse, path: SafePath, roots: readonly string[]): Promise<ServeResult>;
  /** Answers 404 with the site's own 404.html when it has one. */
  notFound(req: IncomingMessage, res: ServerResponse, root: string): Promise<void>;
}

const NOT_FOUND_PAGE: SafePath = { ok: true, segments: ['404.html'], trailingSlash: false, rawPath: '/404.html', rawQuery: '' };

/**
 * Static file serving for the published site: which file answers a path (locate-file.ts keeps it
 * inside its root), and how it is sent (send-file.ts: headers, 304, compression from the
 * in-memory file-cache.ts).
 */
export function createStaticFiles(options: { maxCacheBytes?: number; formActions?: readonly string[] } = {}): StaticFiles {
  const formActions = options.formActions ?? [];
  const cache = createFileCache(options.maxCacheBytes ?? 64 * 1024 * 1024);

  return {
    async serve(req, res, path, roots) {
      let anyRoot = false;
      for (const root of roots) {
        const rootInfo = await locateFile(root, []);
        if (!rootInfo) continue;
        anyRoot = true;
        const found = await locateFile(root, path.segments);
        if (!found) continue;
        if (found.info.isDirectory()) {
          if (!path.trailingSlash) {
            // rawPath has no empty segments, so the Location can never become "//other-host".
            res.setHeader('Location', `${path.rawPath}/${path.rawQuery}`);
            res.setHeader('Cache-Control', 'public, max-age=3600');
            res.writeHead(301);
            res.end();
            return 'served';
          }
          const index = await locateFile(root, [...path.segments, 'index.html']);
          if (!index || !index.info.isFile()) continue;
          await sendFile(req, res, index, path, 200, cache, formActions);
          return 'served';
        }
        if (!found.info.isFile() || path.trailingSlash) continue;
        await sendFile(req, res, found, path, 200, cache, formActions);
        return 'served';
      }
      return anyRoot ? 'not_found' : 'no_site';
    },

    async notFound(req, res, root) {
      const page = await locateFile(root, ['404.html']);
      if (page?.info.isFile()) {
        await sendFile(req, res, page, NOT_FOUND_PAGE, 404, cache, formActions);
        return;
      }
      sendPlain(req, res, 404, 'Pagina niet gevonden. / Page not found.');
    },
  };
}
