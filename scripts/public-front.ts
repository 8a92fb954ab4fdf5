/**
 * The public front of `npm start` (entry: scripts/start.mjs, which turns on the compile cache
 * first): it serves the published status page from <dataDir>/site/current straight from disk on
 * its own event loop, and forwards the admin (/admin, the one-click unsubscribe, the subscription
 * pages, the signal API) to the admin process on loopback.
 *
 * It listens first, so `/` answers within seconds of starting whatever the content folder holds or
 * the admin is doing: before listening it imports only what serving needs (the configuration, the
 * static server, the proxy); the admin's supervisor is loaded and the admin process spawned after.
 * See docs/benchmarks.md, "npm start: time to the first page".
 *
 * The admin runs in scripts/admin-process.ts, watched by src/server/admin-supervisor.ts: restarted
 * after a crash, killed and restarted when it hangs. A refused start (a production start without
 * an admin account, a bad configuration) stops everything with the reason.
 *
 * SIGINT/SIGTERM stop gracefully: no new connections, requests in flight finish, the admin stops
 * its publisher (queued requests stay queued for the next start) and dispatcher.
 */
import { getCompileCacheDir } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, publicAddressWarning, type Config } from '../src/config/config.ts';
import { adminProxyAsAstroHandler, createAdminProxy } from '../src/server/admin-proxy.ts';
import type { AdminSupervisor } from '../src/server/admin-supervisor.ts';
import { closeServer, createHelderServer } from '../src/server/create-helder-server.ts';
import { mountPath } from '../src/server/request-hook.ts';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function readConfig(): Config {
  try {
    return loadConfig(process.env, projectDir);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  let stopping = false;
  // Made after listening: until then the admin's pages answer "starting" (503).
  let supervisor: AdminSupervisor | null = null;
  const forward = createAdminProxy({ port: () => supervisor?.port() ?? null, trustProxy: config.trustProxy });
  const server = createHelderServer({
    siteDir: join(config.dataDir, 'site', 'current'),
    adminClientDir: join(projectDir, 'dist', 'client'),
    astroHandler: adminProxyAsAstroHandler(forward),
    // The public pages' subscription form posts to the admin's origin.
    formActionOrigins: [config.adminOrigin],
    // These need the database: they are the admin's to answer (the one-click unsubscribe, the
    // self-service subscription pages and the signal API).
    hooks: [mountPath('/afmelden/', forward), mountPath('/abonneren/', forward), mountPath('/api/v1/signals/', forward)],
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(config.port, config.host, () => resolveListen());
  });

  const { createAdminSupervisor } = await import('../src/server/admin-supervisor.ts');
  // Undefined when scripts/start.mjs did not turn it on (disabled, or the directory not writable).
  const compileCache = getCompileCacheDir();
  supervisor = createAdminSupervisor({
    script: join(projectDir, 'scripts', 'admin-process.ts'),
    cwd: process.cwd(),
    // Only the front talks to the admin: it hands over the visitor's address in X-Forwarded-For.
    // The admin (and the builds it runs) share the front's compile cache (scripts/start.mjs).
    env: { ...process.env, HELDER_TRUST_PROXY: 'true', ...(compileCache ? { NODE_COMPILE_CACHE: compileCache } : {}) },
    log: (line) => console.log(line),
    onRefused: () => {
      console.error('Helder: de beheeromgeving weigert te starten (zie hierboven) / the admin refused to start (see above)');
      void stop(1);
    },
  });
  supervisor.start();

  const shown = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  console.log(`
Helder draait / is running (${config.env}, ${config.mode})
  Statuspagina / status page:  ${shown}/
  Beheer / admin:              ${shown}/admin/
  Data:                        ${config.dataDir}
`);
  const warning = publicAddressWarning(config);
  if (warning) console.warn(`\n${warning}\n`);

  async function stop(code: number): Promise<void> {
    if (stopping) {
      console.log('Helder: stopping at once');
      process.exit(1);
    }
    stopping = true;
    await Promise.allSettled([closeServer(server), supervisor?.stop()]);
    process.exit(code);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      console.log(`Helder: ${signal} received, stopping…`);
      void stop(0);
    });
  }
}

main().catch((error: unknown) => {
  console.error(`Helder could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
