import type { Server } from 'node:http';
import { join } from 'node:path';
import { loadAstroHandler } from '../server/astro-handler.ts';
import { createHelderServer } from '../server/create-helder-server.ts';
import { createSignalsApiHandler } from '../server/signals-api-handler.ts';
import { createUnsubscribeRequestHandler } from '../server/unsubscribe-request-handler.ts';
import { createSubscriptionRequestHandler } from '../server/subscription-request-handler.ts';
import { clientAddressOf } from '../auth/client-address.ts';
import type { HelderApp } from './helder-app.ts';

/**
 * The one HTTP server of a running Helder, wired the same way for `npm start` and the tests: the
 * published site from <dataDir>/site/current, the admin from a full build in `distDir`, and the
 * hooks served before Astro (the RFC 8058 one-click unsubscribe comes without cookies or Origin;
 * the signal API authenticates with a bearer token, not a session; the self-service subscription
 * pages at /abonneren take posts from the public site's origin).
 */
export async function createAppServer(app: HelderApp, options: { distDir: string; log?: (line: string) => void }): Promise<Server> {
  return createHelderServer({
    siteDir: join(app.config.dataDir, 'site', 'current'),
    adminClientDir: join(options.distDir, 'client'),
    astroHandler: await loadAstroHandler(options.distDir),
    astroLocals: () => ({ app }),
    formActionOrigins: [app.config.adminOrigin],
    hooks: [
      createUnsubscribeRequestHandler(app.context),
      createSignalsApiHandler(app.context, { ratePerMinute: app.config.signals.apiRatePerMinute }),
      // The public form posts here from the status page's origin; the mails link here.
      createSubscriptionRequestHandler(app.context, {
        clientOf: (request) => clientAddressOf({ remoteAddress: request.socket.remoteAddress, forwardedFor: request.headers['x-forwarded-for'] as string | undefined }, app.config.trustProxy),
      }),
    ],
    ...(options.log ? { log: options.log } : {}),
  });
}
