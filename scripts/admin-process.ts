/**
 * The admin side of `npm start`, in a process of its own (started and watched by scripts/public-front.ts
 * through src/server/admin-supervisor.ts): the app (SQLite store, templates, publisher, mail),
 * the admin's Astro routes and the one-click unsubscribe, on a loopback port the public front
 * forwards to. Whatever happens here (a crash, a hang, a long import or build) the front keeps
 * serving the published status page.
 *
 *   1. read the configuration (a demo start without HELDER_CONTENT_DIR works on
 *      <dataDir>/demo-content, a copy of content/ with its dates moved to today, made once) and
 *      build the app; a production start without an admin refuses (exit 78: a restart cannot fix
 *      it), a demo start seeds demo users and, at its first start, demo contacts;
 *   2. run the full `astro build` when dist/ is missing or older than the sources;
 *   3. start the publisher (a first site, or what is queued), the mail dispatcher, the TOPdesk
 *      poller (when configured), the reminders of promised updates and the retrying of
 *      publications that failed;
 *   4. listen on 127.0.0.1 (a free port) and tell the front which one.
 *
 * It stops gracefully on SIGINT/SIGTERM, and on its own when the front is gone (even after a
 * SIGKILL, the IPC channel closes), so it never outlives `npm start`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHelderApp } from '../src/composition/create-app.ts';
import { createAppServer } from '../src/composition/create-server.ts';
import { withDemoContent } from '../src/composition/demo-content.ts';
import { startPublicationRetries } from '../src/composition/publication-retries.ts';
import { ConfigError, loadConfig, type Config } from '../src/config/config.ts';
import { DIE_WITH_PARENT } from '../src/publish/run-public-build.ts';
import { ADMIN_REFUSED_EXIT_CODE, type AdminProcessMessage, type SupervisorMessage } from '../src/server/admin-supervisor.ts';
import { closeServer } from '../src/server/create-helder-server.ts';
import { prepareAccounts } from '../src/use-cases/accounts/prepare-accounts.ts';
import { seedDemoContacts } from '../src/use-cases/contacts/seed-demo-contacts.ts';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function tell(message: AdminProcessMessage): void {
  if (process.connected) process.send?.(message);
}

function readConfig(): Config {
  try {
    return loadConfig(process.env, projectDir);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(ADMIN_REFUSED_EXIT_CODE);
    }
    throw error;
  }
}

/** Inputs of the full build; content/ is not one: the public site is published separately. */
const BUILD_INPUTS = ['src', 'public', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];

function newestModification(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestModification(join(path, entry)));
  return newest;
}

/** A fresh clone, a `git pull` or an edit under src/ makes dist/ stale; otherwise start in a second. */
function fullBuildIsStale(): boolean {
  const entry = join(projectDir, 'dist', 'server', 'entry.mjs');
  if (!existsSync(entry)) return true;
  const builtAt = statSync(entry).mtimeMs;
  return BUILD_INPUTS.some((input) => newestModification(join(projectDir, input)) > builtAt);
}

function runFullBuild(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
  // The public-only switches must not leak into the admin build.
  delete env.HELDER_BUILD;
  delete env.HELDER_OUT_DIR;
  return new Promise((resolveBuild, rejectBuild) => {
    const child = spawn(process.execPath, ['--import', pathToFileURL(DIE_WITH_PARENT).href, join(projectDir, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], { cwd: projectDir, env, stdio: 'inherit' });
    child.once('error', rejectBuild);
    child.once('exit', (code) => (code === 0 ? resolveBuild() : rejectBuild(new Error(`astro build stopped with exit code ${code}; see the output above`))));
  });
}

async function main(): Promise<void> {
  // Answer the heartbeat from the first moment: a full build at start-up is not a hang.
  process.on('message', (message: SupervisorMessage) => {
    if (message.type === 'ping') tell({ type: 'pong' });
  });
  const config = withDemoContent(readConfig(), process.env, { projectDir, now: new Date(), log: (line) => console.log(line) });
  // The full build below and the publisher's child builds read the same content directory.
  process.env.HELDER_CONTENT_DIR = config.contentDir;
  const app = createHelderApp(config, { projectDir });
  let demoCredentials: string | null = null;
  try {
    // Once per `npm start`: a restart after a crash must not reset the demo passwords or end sessions.
    if (!process.argv.includes('--restart')) demoCredentials = await prepareAccounts(app.context, { env: config.env, adminUrl: `${config.adminUrl}/admin/` });
  } catch (error) {
    if (error instanceof Error && error.name === 'NotProductionReadyError') {
      console.error(error.message);
      await app.close();
      process.exit(ADMIN_REFUSED_EXIT_CODE);
    }
    throw error;
  }

  const demoContacts = config.env === 'demo' ? seedDemoContacts(app.context, config) : 0;
  if (demoContacts > 0) console.log(`Helder: ${demoContacts} demo contacts added (addresses on .example: mail only reaches the Lokale postbus)`);

  let stopping = false;
  let stopRetries = () => {};
  let server: import('node:http').Server | null = null;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Helder (beheer / admin): ${why}, stopping…`);
    // Whatever hangs below, the process goes: a build still running is stopped by app.close().
    setTimeout(() => process.exit(1), 10_000).unref();
    stopRetries();
    if (server) await closeServer(server);
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT received'));
  process.on('SIGTERM', () => void stop('SIGTERM received'));
  // The front is gone (stopped, crashed or killed): an admin nobody can reach must not linger.
  process.on('disconnect', () => void stop('the front process is gone'));

  if (fullBuildIsStale()) {
    console.log('Helder: building the admin (astro build); this takes a moment on the first start…');
    await runFullBuild();
  }
  if (stopping) return;
  app.publisher.start();
  app.startDispatcher();
  app.startTopdeskPoller();
  app.startDrillSignals();
  app.startReminders();
  stopRetries = startPublicationRetries(app);
  server = await createAppServer(app, { distDir: join(projectDir, 'dist') });
  const listening = server;
  await new Promise<void>((resolveListen, rejectListen) => {
    listening.once('error', rejectListen);
    listening.listen(0, '127.0.0.1', () => resolveListen());
  });
  if (!app.publisher.status().currentBuildId) console.log('  De statuspagina wordt nu voor het eerst gepubliceerd. / Publishing the status page for the first time.');
  if (demoCredentials) console.log(`${demoCredentials}\n`);
  tell({ type: 'ready', port: (listening.address() as AddressInfo).port });
}

main().catch((error: unknown) => {
  console.error(`Helder: the admin could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
