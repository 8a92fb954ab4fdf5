import type { Server } from 'node:http';
import { join } from 'node:path';
import { loadAstroHandler } from '../server/astro-handler.ts';
import { createHelderServer } from '../server/create-helder-server.ts';
import { createSignalsApiHandler } from '../server/signals-api-handler.ts';
import { createUnsubscribeRequestHandler } from '../server/unsubscribe-request-handler.ts';
import type { HelderApp } from './helder-app.ts';

/**
 * The one HTTP server of a running Helder, wired the same way for `npm start` and the tests: the
 * published site from <dataDir>/site/current, the admin from a full build in `distDir`, and the
 * hooks served before Astro (the RFC 8058 one-click unsubscribe comes without cookies or Origin;
 * the signal API authenticates with a bearer token, not a session).
 */
export async function createAppServer(app: HelderApp, options: { distDir: string; log?: (line: string) => void }): Promise<Server> {
  return createHelderServer({
    siteDir: join(app.config.dataDir, 'site', 'current'),
    adminClientDir: join(options.distDir, 'client'),
    astroHandler: await loadAstroHandler(options.distDir),
    astroLocals: () => ({ app }),
    hooks: [createUnsubscribeRequestHandler(app.context), createSignalsApiHandler(app.context, { ratePerMinute: app.config.signals.apiRatePerMinute })],
    ...(options.log ? { log: options.log } : {}),
  });
}
