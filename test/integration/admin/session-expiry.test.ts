import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOverHttp, startAdmin, type AdminHarness } from './admin-harness.ts';

let harness: AdminHarness;

beforeAll(async () => {
  // A fake clock from now: the tests move it on.
  harness = await startAdmin({ start: new Date() });
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

const open = (path: string, cookie: string) => fetch(`${harness.origin}${path}`, { headers: { cookie }, redirect: 'manual' });

describe('admin sessions with a fake clock', () => {
  it('keeps a session alive while it is used, and ends it after 30 idle minutes with a clear message', async () => {
    const cookie = await signInOverHttp(harness, 'composer');
    harness.clock.advance(20 * 60_000);
    expect((await open('/admin', cookie)).status).toBe(200);
    harness.clock.advance(20 * 60_000);
    expect((await open('/admin', cookie)).status).toBe(200);
    harness.clock.advance(31 * 60_000);
    const expired = await open('/admin/incidenten', cookie);
    expect(expired.status).toBe(303);
    expect(expired.headers.get('location')).toBe('/admin/aanmelden?terug=%2Fadmin%2Fincidenten&verlopen=1');
    expect(expired.headers.get('set-cookie')).toMatch(/^helder_session=; .*Max-Age=0/);
    const signIn = await (await fetch(`${harness.origin}${expired.headers.get('location')}`)).text();
    expect(signIn).toContain('Uw sessie is verlopen. Meld u opnieuw aan.');
    expect((await open('/admin', cookie)).status).toBe(303);
  });

  it('ends even a busy session after 12 hours', async () => {
    const cookie = await signInOverHttp(harness, 'approver');
    // A request every 20 minutes: never idle for long, 35 × 20 min = 11 h 40 min.
    for (let step = 0; step < 35; step += 1) {
      harness.clock.advance(20 * 60_000);
      expect((await open('/admin', cookie)).status).toBe(200);
    }
    harness.clock.advance(20 * 60_000);
    expect((await open('/admin', cookie)).status).toBe(303);
  });
});
