import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.ts';
import { PROJECT_ROOT } from '../../support/build-site.ts';
import { signInOverHttp, startAdmin, type AdminHarness, type Person } from './admin-harness.ts';

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

const cookies: Partial<Record<Person, string>> = {};
async function admin(who: Person | 'anonymous', method: 'GET' | 'POST', path: string, body?: Record<string, string>): Promise<Response> {
  if (who !== 'anonymous') cookies[who] ??= await signInOverHttp(harness, who);
  const headers: Record<string, string> = who === 'anonymous' ? {} : { cookie: cookies[who]! };
  if (method === 'POST') Object.assign(headers, { origin: harness.origin, 'content-type': 'application/x-www-form-urlencoded' });
  return fetch(`${harness.origin}${path}`, { method, headers, redirect: 'manual', ...(body ? { body: new URLSearchParams(body) } : {}) });
}

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

describe('the signal screens', { timeout: 120_000 }, () => {
  it('lets each role reach what it may', async () => {
    const alertId = harness.db.prepare('SELECT id FROM signal_alerts ORDER BY id LIMIT 1').get() as { id: number };
    const rows: Array<[string, number, number, number, number]> = [
      ['/admin/meldingen', 303, 200, 200, 200],
      ['/admin/meldingen?product=registra-brp&gemeente=GM0344', 303, 200, 200, 200],
      ['/admin/meldingen/nieuw', 303, 200, 200, 403],
      ['/admin/meldingen/sleutels', 303, 403, 403, 200],
      [`/admin/meldingen/waarschuwing/${alertId.id}`, 303, 200, 200, 200],
      ['/admin/meldingen/waarschuwing/999999', 303, 404, 404, 404],
    ];
    for (const [path, ...expected] of rows) {
      const actual = [];
      for (const who of ['anonymous', 'composer', 'approver', 'admin'] as const) {
        const response = await admin(who, 'GET', path);
        actual.push(response.status);
        await response.arrayBuffer();
      }
      expect([path, ...actual]).toEqual([path, ...expected]);
    }
  });

  it('records a phone call with "Melding registreren", once even when sent twice', async () => {
    const form = await (await admin('composer', 'GET', '/admin/meldingen/nieuw')).text();
    expect(form).toMatch(/<select[^>]*id="veld-product"[^>]*autofocus/);
    const reference = /name="reference"[^>]*value="(TEL-[^"]+)"|value="(TEL-[^"]+)"[^>]*name="reference"/.exec(form)!;
    const fields = {
      product: 'zaakstroom',
      municipality: 'GM0758',
      summary: 'Zaken kunnen niet worden afgesloten, foutcode 500',
      source: 'phone',
      reference: reference[1] ?? reference[2]!,
      received_at: /name="received_at"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="received_at"/.exec(form)!.slice(1).find(Boolean)!,
    };
    const saved = await admin('composer', 'POST', '/admin/meldingen/nieuw', fields);
    expect([saved.status, saved.headers.get('location')]).toEqual([303, '/admin/meldingen?gedaan=signal_recorded']);
    const again = await admin('composer', 'POST', '/admin/meldingen/nieuw', fields);
    expect(again.headers.get('location')).toBe('/admin/meldingen?gedaan=signal_duplicate');
    const list = await (await admin('composer', 'GET', '/admin/meldingen?product=zaakstroom&gedaan=signal_recorded')).text();
    expect(list).toContain('De melding is opgeslagen.');
    expect(list.match(/Zaken kunnen niet worden afgesloten/g)).toHaveLength(1);

    const refused = await admin('composer', 'POST', '/admin/meldingen/nieuw', { ...fields, municipality: '', summary: '' });
    expect(refused.status).toBe(422);
    const page = await refused.text();
    expect(page).toContain('href="#veld-municipality"');
    expect(page).toContain('href="#veld-summary"');
  });

  it('shows the alert on the dashboard at once and opens a prefilled incident in one step', async () => {
    const dashboard = await (await admin('composer', 'GET', '/admin')).text();
    expect(dashboard).toContain('Mogelijk landelijke storing: Registra BRP');
    // The eight of the API test, and Utrecht's monitoring signal of the token test.
    expect(dashboard).toContain('9 meldingen van 8 gemeenten');
    // The product's signal chart, with the same numbers as a table.
    expect(dashboard).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="tijdlijn-registra-brp-dag-label"/);
    expect(dashboard).toContain('Meldingen over Registra BRP');
    expect(dashboard).toContain('<summary>Aantallen als tabel</summary>');
    const alertId = (harness.db.prepare("SELECT id FROM signal_alerts WHERE product = 'registra-brp' AND closed_at IS NULL").get() as { id: number }).id;
    const detail = await (await admin('composer', 'GET', `/admin/meldingen/waarschuwing/${alertId}`)).text();
    expect(detail).toContain('value="Storing Registra BRP"');
    expect(detail).toContain('8 gemeenten melden problemen met Registra BRP.');

    const opened = await admin('composer', 'POST', `/admin/meldingen/waarschuwing/${alertId}`, {
      actie: 'incident',
      title_nl: 'Storing Registra BRP',
      impact: 'major',
      'product_registra-brp': 'major_outage',
      scope: 'all',
      status: 'investigating',
      body_nl: '8 gemeenten melden problemen met Registra BRP. We onderzoeken de oorzaak en laten u weten wanneer er meer bekend is.',
    });
    expect(opened.status).toBe(303);
    const location = opened.headers.get('location')!;
    expect(location).toMatch(/^\/admin\/incidenten\/\d{4}-\d{2}-\d{2}-storing-registra-brp\?gedaan=ter_goedkeuring$/);
    const incidentId = location.split('/').at(-1)!.split('?')[0]!;
    expect((await (await admin('composer', 'GET', '/admin')).text())).not.toContain('Mogelijk landelijke storing: Registra BRP');
    const linked = harness.db.prepare('SELECT count(*) AS n FROM signals WHERE incident_id = ?').get(incidentId) as { n: number };
    expect(linked.n).toBe(9);
    const incidentPage = await (await admin('composer', 'GET', `/admin/incidenten/${incidentId}`)).text();
    expect(incidentPage).toContain('Meldingen over Registra BRP');
    expect(incidentPage).toContain('Incident begonnen');
  });

  it('shows the API tokens to administrators, who can revoke them', async () => {
    const page = await (await admin('admin', 'GET', '/admin/meldingen/sleutels')).text();
    expect(page).toContain('TOPdesk koppeling');
    expect(page).not.toMatch(/hld_[A-Za-z0-9_-]{43}/);
  });
});
