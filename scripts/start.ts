/**
 * `npm start`: the whole product in one process — admin (Astro on-demand routes) and the published
 * status page — on the embedded defaults (SQLite and the built sites in ./data).
 *
 *   1. read and check the configuration (every bad variable named at once);
 *   2. a demo start without HELDER_CONTENT_DIR works on <dataDir>/demo-content, a copy of content/
 *      with its dates moved to today (made once); then build the app (src/composition): SQLite
 *      store, templates, publisher, mail transport; then the accounts: a production start without
 *      an admin refuses, a demo start seeds demo users, and at its first start demo contacts;
 *   3. run the full `astro build` when dist/ is missing or older than the sources;
 *   4. publish the status page when there is no published build yet (in the background);
 *   5. listen on HELDER_HOST:HELDER_PORT and print the addresses.
 *
 * SIGINT/SIGTERM stop gracefully: no new connections, requests in flight finish, a running publish
 * is stopped and its requests stay queued for the next start.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareAccounts } from '../src/use-cases/accounts/prepare-accounts.ts';
import { seedDemoContacts } from '../src/use-cases/contacts/seed-demo-contacts.ts';
import { createHelderApp } from '../src/composition/create-app.ts';
import { withDemoContent } from '../src/composition/demo-content.ts';
import { createAppServer } from '../src/composition/create-server.ts';
import { ConfigError, loadConfig, type Config } from '../src/config/config.ts';
import { closeServer } from '../src/server/create-helder-server.ts';

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
    const child = spawn(process.execPath, [join(projectDir, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], { cwd: projectDir, env, stdio: 'inherit' });
    child.once('error', rejectBuild);
    child.once('exit', (code) => (code === 0 ? resolveBuild() : rejectBuild(new Error(`astro build stopped with exit code ${code}; see the output above`))));
  });
}

async function main(): Promise<void> {
  const config = withDemoContent(readConfig(), process.env, { projectDir, now: new Date(), log: (line) => console.log(line) });
  // The full build below and the publisher's child builds read the same content directory.
  process.env.HELDER_CONTENT_DIR = config.contentDir;
  const app = createHelderApp(config, { projectDir });
  let demoCredentials: string | null;
  try {
    demoCredentials = await prepareAccounts(app.context, { env: config.env, adminUrl: `${config.adminUrl}/admin/` });
  } catch (error) {
    if (error instanceof Error && error.name === 'NotProductionReadyError') {
      console.error(error.message);
      await app.close();
      process.exit(1);
    }
    throw error;
  }
  const demoContacts = config.env === 'demo' ? seedDemoContacts(app.context, config) : 0;
  if (demoContacts > 0) console.log(`Helder: ${demoContacts} demo contacts added (addresses on .example: mail only reaches the Lokale postbus)`);

  if (fullBuildIsStale()) {
    console.log('Helder: building the admin (astro build); this takes a moment on the first start…');
    await runFullBuild();
  }
  const publisher = app.publisher;
  publisher.start();
  app.startDispatcher();
  app.startTopdeskPoller();
  const server = await createAppServer(app, { distDir: join(projectDir, 'dist') });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(config.port, config.host, () => resolveListen());
  });

  const shown = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  console.log(`
Helder draait / is running (${config.env}, ${config.mode})
  Statuspagina / status page:  ${shown}/
  Beheer / admin:              ${shown}/admin/
  Data:                        ${config.dataDir}
${publisher.status().currentBuildId ? '' : '  De statuspagina wordt nu voor het eerst gepubliceerd. / Publishing the status page for the first time.\n'}`);
  if (demoCredentials) console.log(`${demoCredentials}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.log('Helder: stopping at once');
      process.exit(1);
    }
    stopping = true;
    console.log(`Helder: ${signal} received, stopping…`);
    await closeServer(server);
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`Helder could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
