import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminProxy } from '../../../src/server/admin-proxy.ts';
import { createAdminSupervisor, HANG_AFTER_MS, HEARTBEAT_MS, type AdminSupervisor } from '../../../src/server/admin-supervisor.ts';
import { PROJECT_ROOT } from '../../support/build-site.ts';

/**
 * A hung admin (its event loop frozen with SIGSTOP) is killed and restarted once it has missed its
 * heartbeat for the hang timeout, and meanwhile the front answers admin paths with a clear 503 in
 * Dutch and English at once, instead of holding the visitor. The supervisor and proxy are the
 * production ones; the admin is a stand-in speaking the same IPC protocol
 * (test/fixtures/processes/stand-in-admin.ts), and the heartbeat and hang timeout are shortened for
 * this test only (production: 5 s and 30 s, as docs/deploy.md says).
 */
const HEARTBEAT = 100;
const HANG_AFTER = 1_000;
const log: string[] = [];
let supervisor: AdminSupervisor;
let front: Server;
let origin: string;

async function until<T>(what: string, check: () => T | null | Promise<T | null>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found !== null) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; supervisor said:\n${log.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  supervisor = createAdminSupervisor({
    script: join(PROJECT_ROOT, 'test', 'fixtures', 'processes', 'stand-in-admin.ts'),
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '' },
    log: (line) => log.push(line),
    onRefused: () => log.push('refused'),
    heartbeatMs: HEARTBEAT,
    hangAfterMs: HANG_AFTER,
  });
  const forward = createAdminProxy({ port: () => supervisor.port(), trustProxy: false });
  front = createServer((req, res) => void forward(req, res));
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  supervisor.start();
});

afterAll(async () => {
  const pid = supervisor?.pid();
  if (pid) {
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // Gone already.
    }
  }
  await supervisor?.stop();
  await new Promise((resolve) => front?.close(resolve));
});

describe('a hung admin', () => {
  it('uses a heartbeat of 5 s and a hang timeout of 30 s in production, as the deploy guide says', () => {
    expect([HEARTBEAT_MS, HANG_AFTER_MS]).toEqual([5_000, 30_000]);
  });

  it('answers admin paths 503 at once in Dutch and English while frozen, and is killed and restarted after the timeout', async () => {
    const first = await until('the admin to answer', async () => {
      const answer = await fetch(`${origin}/admin/aanmelden`);
      return answer.status === 200 ? await answer.text() : null;
    });
    const frozenPid = supervisor.pid()!;
    expect(first).toBe(`beheer ${frozenPid}\n`);

    process.kill(frozenPid, 'SIGSTOP');
    const frozenAt = Date.now();
    // Two missed heartbeats and the front stops sending visitors to it.
    const refused = await until('a 503 for the admin', async () => {
      const started = Date.now();
      const answer = await fetch(`${origin}/admin/aanmelden`, { signal: AbortSignal.timeout(2_000) });
      return answer.status === 503 ? { answer, body: await answer.text(), ms: Date.now() - started } : null;
    });
    expect(refused.ms).toBeLessThan(500);
    expect(refused.answer.headers.get('retry-after')).toBe('5');
    expect(refused.answer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(refused.body).toContain('De beheeromgeving is even niet beschikbaar');
    expect(refused.body).toContain('The admin is unavailable for a moment');
    expect(refused.body).not.toMatch(/Error|at .*\.ts:\d+/);

    // Not before the hang timeout, and then a fresh process.
    const restarted = await until('a restarted admin', () => {
      const pid = supervisor.pid();
      return pid !== null && pid !== frozenPid && supervisor.port() !== null ? pid : null;
    });
    expect(Date.now() - frozenAt).toBeGreaterThanOrEqual(HANG_AFTER);
    expect(log.some((line) => line.includes(`the admin stopped answering; restarting (pid ${frozenPid})`))).toBe(true);
    expect(() => process.kill(frozenPid, 0)).toThrow();
    expect(await (await fetch(`${origin}/admin/aanmelden`)).text()).toBe(`beheer ${restarted}\n`);
  });
});
