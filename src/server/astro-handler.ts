import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The request handler @astrojs/node 11 exports in `mode: 'middleware'` (dist/server/entry.mjs):
 * it renders on-demand routes and calls `next` for anything it has no route for. It does not
 * serve static files; that is our server's job.
 */
export type AstroHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void, locals?: object) => Promise<void>;

/** Loads the admin's Astro handler from a full build (`astro build` into distDir). */
export async function loadAstroHandler(distDir: string): Promise<AstroHandler> {
  const entry = join(distDir, 'server', 'entry.mjs');
  if (!existsSync(entry)) throw new Error(`no admin build at ${entry}; run \`npm run build\` first`);
  const module = (await import(pathToFileURL(entry).href)) as { handler?: unknown };
  if (typeof module.handler !== 'function') {
    throw new Error(`${entry} exports no \`handler\`; astro.config.mjs must use @astrojs/node with mode: 'middleware'`);
  }
  return module.handler as AstroHandler;
}
