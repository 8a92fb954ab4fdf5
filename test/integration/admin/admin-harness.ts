import type { Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { createAppServer } from '../../../src/composition/create-server.ts';
import { closeServer } from '../../../src/server/create-helder-server.ts';
import { ensureFullBuild } from '../../support/full-build.ts';
import { MESSAGES_FIXTURE } from '../../support/builders.ts';
import { createTestApp, PEOPLE as COLLEAGUES, type TestApp, type TestAppOptions } from '../../support/test-app.ts';

/** The people of the browser and HTTP tests: one per role. */
export const PEOPLE = { composer: COLLEAGUES.anouk, approver: COLLEAGUES.bram, admin: COLLEAGUES.cor } as const;
export type Person = keyof typeof PEOPLE;

export interface AdminHarness extends TestApp {
  origin: string;
  userIds: Record<Person, number>;
}

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * The whole product as `npm start` runs it (src/composition: the app and its server), on a temp
 * data directory and a copy of the messages fixture content: the real full build (dist/), the real
 * publisher building into the temp dir, the local mailbox, real time.
 */
export async function startAdmin(options: Pick<TestAppOptions, 'env' | 'start'> & { dispatcher?: boolean } = {}): Promise<AdminHarness> {
  const distDir = await ensureFullBuild();
  const port = await freePort();
  const test = await createTestApp({
    content: MESSAGES_FIXTURE.content,
    publisher: 'real',
    messageIds: 'random',
    start: options.start ?? 'now',
    env: { HELDER_PORT: String(port), ...options.env },
  });
  if (options.dispatcher !== false) test.app.startDispatcher(() => {});
  const server: Server = await createAppServer(test.app, { distDir, log: () => {} });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    ...test,
    origin: `http://127.0.0.1:${port}`,
    userIds: { composer: test.people.anouk.userId, approver: test.people.bram.userId, admin: test.people.cor.userId },
    async close() {
      await closeServer(server, 1_000);
      await test.close();
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

/** A form POST as the browser sends it (same origin, no redirect following), with a session cookie. */
export function postForm(harness: AdminHarness, cookie: string, path: string, fields: Record<string, string | string[]>): Promise<Response> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(key, item);
  return fetch(`${harness.origin}${path}`, { method: 'POST', body, redirect: 'manual', headers: { cookie, origin: harness.origin } });
}
