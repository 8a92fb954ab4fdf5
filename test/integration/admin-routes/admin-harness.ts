import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addUser } from '../../../src/admin/add-user.ts';
import { createHelderApp } from '../../../src/app/create-app.ts';
import type { HelderApp } from '../../../src/app/helder-app.ts';
import type { Clock } from '../../../src/auth/clock.ts';
import type { Role } from '../../../src/auth/roles.ts';
import { loadConfig } from '../../../src/config/config.ts';
import { loadAstroHandler } from '../../../src/server/astro-handler.ts';
import { closeServer, createHelderServer } from '../../../src/server/create-helder-server.ts';
import { insertContact } from '../../../src/store/contacts-repository.ts';
import { PROJECT_ROOT } from '../../support/build-site.ts';
import { ensureFullBuild } from '../../support/full-build.ts';

const FIXTURE_CONTENT = join(PROJECT_ROOT, 'test/integration/messages/fixtures/content');

/** The people of the tests: one per role, with passwords that pass the policy. */
export const PEOPLE = {
  composer: { email: 'anouk.devries@voorbeeldsoftware.nl', name: 'Anouk de Vries', roles: ['composer'] as Role[], password: 'paars-kanaal-fiets-92-Wolk' },
  approver: { email: 'bram.jansen@voorbeeldsoftware.nl', name: 'Bram Jansen', roles: ['approver'] as Role[], password: 'groene-molen-sluis-47-Dijk' },
  admin: { email: 'cor.bakker@voorbeeldsoftware.nl', name: 'Cor Bakker', roles: ['admin'] as Role[], password: 'oranje-brug-polder-15-Gracht' },
} as const;
export type Person = keyof typeof PEOPLE;

export interface AdminHarness {
  origin: string;
  app: HelderApp;
  dataDir: string;
  contentDir: string;
  userIds: Record<Person, number>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * The whole product as `npm start` runs it, on a temp data directory and a copy of the fixture
 * content: the real full build (dist/), our node:http server, the composition root's app with a
 * real SQLite file, the real templates, the real publisher (public builds into the temp dir) and
 * the local mailbox. Three users, one per role, and contacts at four municipalities.
 */
export async function startAdmin(options: { clock?: Clock; env?: Record<string, string>; dispatcher?: boolean } = {}): Promise<AdminHarness> {
  const distDir = await ensureFullBuild();
  const root = mkdtempSync(join(tmpdir(), 'helder-admin-'));
  const contentDir = join(root, 'content');
  cpSync(FIXTURE_CONTENT, contentDir, { recursive: true });
  // The fixture catalogue is the demo catalogue; its continuity guidance is the demo's too.
  cpSync(join(PROJECT_ROOT, 'content', 'guidance'), join(contentDir, 'guidance'), { recursive: true });
  const dataDir = join(root, 'data');
  const port = await freePort();
  const config = loadConfig({ HELDER_ENV: 'demo', HELDER_DATA_DIR: dataDir, HELDER_CONTENT_DIR: contentDir, HELDER_PORT: String(port), HELDER_HOST: '127.0.0.1', ...options.env }, PROJECT_ROOT);
  const app = createHelderApp(config, { projectDir: PROJECT_ROOT, ...(options.clock ? { clock: options.clock } : {}), log: () => {} });
  const system = { kind: 'system', name: 'test-setup' } as const;
  const userIds = {} as Record<Person, number>;
  for (const [key, person] of Object.entries(PEOPLE) as Array<[Person, (typeof PEOPLE)[Person]]>) {
    userIds[key] = (await addUser(app.deps.admin, system, { email: person.email, name: person.name, roles: [...person.roles], password: person.password })).id;
  }
  const at = new Date('2026-11-01T09:00:00Z');
  insertContact(app.db, { municipality: 'GM0344', name: 'Servicedesk Burgerzaken Utrecht', email: 'servicedesk@utrecht.nl', role: 'servicedesk', language: 'nl', products: 'all', active: true }, at);
  insertContact(app.db, { municipality: 'GM0363', name: 'Applicatiebeheer Amsterdam', email: 'applicatiebeheer@amsterdam.nl', role: 'applicatiebeheer', language: 'nl', products: ['registra-brp', 'zaakstroom'], active: true }, at);
  insertContact(app.db, { municipality: 'GM0772', name: 'Civil Affairs Eindhoven', email: 'burgerzaken@eindhoven.nl', role: 'servicedesk', language: 'en', products: 'all', active: true }, at);
  insertContact(app.db, { municipality: 'GM0758', name: 'Belastingen Breda', email: 'belastingen@breda.nl', role: 'belastingen', language: 'nl', products: ['taxo-belastingen'], active: true }, at);

  if (options.dispatcher !== false) app.startDispatcher(() => {});

  const server: Server = createHelderServer({
    siteDir: join(dataDir, 'site', 'current'),
    adminClientDir: join(distDir, 'client'),
    astroHandler: await loadAstroHandler(distDir),
    astroLocals: () => ({ app }),
    log: () => {},
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${port}`,
    app,
    dataDir,
    contentDir,
    userIds,
    async close() {
      await closeServer(server, 1_000);
      await app.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Signs a person in over HTTP, as a browser would; returns the Cookie header value. */
export async function signInOverHttp(harness: AdminHarness, person: Person): Promise<string> {
  const body = new URLSearchParams({ email: PEOPLE[person].email, password: PEOPLE[person].password, terug: '/admin' });
  const response = await fetch(`${harness.origin}/admin/aanmelden`, {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: { Origin: harness.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  const cookie = response.headers.get('set-cookie');
  if (response.status !== 303 || !cookie) throw new Error(`sign-in of ${person} answered ${response.status}: ${await response.text()}`);
  return cookie.split(';')[0]!;
}
