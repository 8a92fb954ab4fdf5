import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.ts';
import { PROJECT_ROOT } from '../../support/build-site.ts';
import { startAdmin, type AdminHarness } from './admin-harness.ts';

let harness: AdminHarness;
let token: string;

/**
 * `npm run helder -- …` on the harness's installation, as an administrator on the server runs it:
 * the CLI's own entry (runCli) in this process, reading the same environment.
 */
async function helder(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) => new Writable({ write: (chunk, _encoding, done) => (append(String(chunk)), done()) });
  const code = await runCli(args, {
    stdin: process.stdin,
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    env: harness.env,
    cwd: harness.root,
    projectDir: PROJECT_ROOT,
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  harness = await startAdmin({ env: { SIGNALS_API_RATE_PER_MINUTE: '120' } });
  const added = await helder(['token', 'add', '--name', 'TOPdesk koppeling', '--scope', 'signals']);
  expect(added.code).toBe(0);
  token = /\b(hld_[A-Za-z0-9_-]{43})\b/.exec(added.stdout)![1]!;
}, 300_000);
afterAll(() => harness?.close());

const post = (body: unknown, auth = `Bearer ${token}`, raw?: string) =>
  fetch(`${harness.origin}/api/v1/signals`, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: raw ?? JSON.stringify(body) });

// Utrecht, Amsterdam, Eindhoven, Tilburg, Breda, Rotterdam, Groningen, Almere
const CODES = ['GM0344', 'GM0363', 'GM0772', 'GM0855', 'GM0758', 'GM0599', 'GM0014', 'GM0034'];
const signal = (municipality: string, reference: string, secondsAgo: number) => ({
  product: 'registra-brp',
  municipality,
  source: 'topdesk',
  reference,
  summary: 'Medewerker burgerzaken kan geen BRP-bevraging doen: foutmelding bij inloggen',
  received_at: new Date(Date.now() - secondsAgo * 1000).toISOString(),
});

describe('the signal API of a started instance', { timeout: 120_000 }, () => {
  it('refuses a missing or wrong token with 401', async () => {
    for (const auth of ['', 'Bearer hld_wrongwrongwrongwrongwrongwrongwrongwrongwro', 'Basic dXNlcjpwYXNz']) {
      const response = await post(signal('GM0344', 'M-401', 0), auth);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    const alerts = await fetch(`${harness.origin}/api/v1/signals/alerts`);
    expect(alerts.status).toBe(401);
  });

  it('answers 400 naming the field for an unknown product, municipality or a bad field, and 413 for a large body', async () => {
    const unknown = await post({ ...signal('GM9999', 'M-400', 0), product: 'registra-bpr' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({
      error: 'invalid_input',
      problems: [
        { field: 'product', code: 'unknown_product', params: { id: 'registra-bpr' } },
        { field: 'municipality', code: 'unknown_municipality', params: { id: 'GM9999' } },
      ],
    });
    const bad = await post({ ...signal('GM0344', 'M-400b', 0), received_at: 'gisteren', extra: 1 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { problems: Array<{ field: string }> }).problems.map((problem) => problem.field).sort()).toEqual(['', 'received_at']);
    const notJson = await post(null, undefined, '{"product": ');
    expect([notJson.status, ((await notJson.json()) as { error: string }).error]).toEqual([400, 'invalid_json']);
    const large = await post({ ...signal('GM0344', 'M-413', 0), summary: 'x'.repeat(17_000) });
    expect(large.status).toBe(413);
  });

  it('stores 8 signals from 8 municipalities as one alert naming all 8, and a repeated reference once', async () => {
    const ids: number[] = [];
    for (const [index, code] of CODES.entries()) {
      const response = await post(signal(code, `M2612-${300 + index}`, 50 - index * 5));
      expect(response.status).toBe(201);
      ids.push(((await response.json()) as { id: number }).id);
    }
    const repeated = await post(signal('GM0344', 'M2612-300', 50));
    expect(repeated.status).toBe(200);
    expect(await repeated.json()).toEqual({ id: ids[0], duplicate: true });

    const response = await fetch(`${harness.origin}/api/v1/signals/alerts`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { alerts: Array<Record<string, unknown>> };
    expect(body.alerts).toHaveLength(1);
    expect(body.alerts[0]).toMatchObject({ product: 'registra-brp', municipalities: [...CODES].sort(), count: 8, suggestion: 'national' });
    expect(Object.keys(body.alerts[0]!).sort()).toEqual(['count', 'first_at', 'last_at', 'municipalities', 'product', 'suggestion']);
  });

  it('stops a token after revocation', async () => {
    const second = await helder(['token', 'add', '--name', 'Monitoring', '--scope', 'signals']);
    const monitoring = /\b(hld_[A-Za-z0-9_-]{43})\b/.exec(second.stdout)![1]!;
    expect((await post(signal('GM0344', 'MON-1', 0), `Bearer ${monitoring}`)).status).toBe(201);
    const listed = await helder(['token', 'list']);
    expect(listed.stdout).toMatch(/^Monitoring\tsignals\tcreated .* by cli:.*\tactive, last used 20/m);
    expect(listed.stdout).not.toContain(monitoring);
    expect((await helder(['token', 'revoke', '--name', 'Monitoring'])).code).toBe(0);
    expect((await post(signal('GM0344', 'MON-2', 0), `Bearer ${monitoring}`)).status).toBe(401);
  });

  it('limits the rate per token with 429 and Retry-After', async () => {
    // 120 a minute (set for this instance); earlier tests used some.
    const statuses: number[] = [];
    for (let index = 0; index < 130; index++) {
      const response = await fetch(`${harness.origin}/api/v1/signals/alerts`, { headers: { Authorization: `Bearer ${token}` } });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        break;
      }
      await response.arrayBuffer();
    }
    expect(statuses.at(-1)).toBe(429);
  });
});
