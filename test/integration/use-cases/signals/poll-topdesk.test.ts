import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTopdeskClient, TopdeskError } from '../../../../src/composition/adapters/topdesk-client.ts';
import { listSignalAlerts } from '../../../../src/use-cases/signals/list-alerts.ts';
import { listSignals } from '../../../../src/use-cases/signals/list-signals.ts';
import { pollTopdesk } from '../../../../src/use-cases/signals/poll-topdesk.ts';
import { loadTopdeskMapping } from '../../../../src/use-cases/signals/topdesk-mapping.ts';
import { MESSAGES_FIXTURE } from '../../../support/builders.ts';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';
import { startFakeTopdesk, topdeskDate, type FakeTopdesk, type FakeTopdeskIncident } from './fake-topdesk.ts';

const MAPPING = join(import.meta.dirname, 'fixtures', 'topdesk-mapping.yaml');
const CREDENTIALS = { username: 'helder-koppeling', password: 'k7Qm-2xVp-9LrT-4wNe' };
const NOW = new Date('2026-12-03T08:30:00Z');
const SYSTEM = { kind: 'system' as const, name: 'TOPdesk' };

let topdesk: FakeTopdesk;
let t: TestApp;

let sequence = 0;
/** A call logged `minutesAgo` before NOW by a branch, about a category/subcategory or an object. */
function call(minutesAgo: number, branch: string, about: { category?: string; subcategory?: string; object?: string }, description: string): FakeTopdeskIncident {
  sequence += 1;
  const at = topdeskDate(new Date(NOW.getTime() - minutesAgo * 60_000));
  const ref = (name: string | undefined) => (name ? { id: `id-${name}`, name } : null);
  return {
    id: `5f1c3a2e-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    number: `M2612 ${String(sequence).padStart(3, '0')}`,
    briefDescription: description,
    callDate: at,
    creationDate: at,
    callerBranch: { id: `branch-${branch}`, name: branch },
    caller: { id: `caller-${sequence}`, dynamicName: 'Medewerker Burgerzaken', branch: { id: `branch-${branch}`, name: branch } },
    category: ref(about.category),
    subcategory: ref(about.subcategory),
    object: ref(about.object),
    status: 'firstLine',
  };
}

const BRP = { category: 'Burgerzaken', subcategory: 'BRP' };

beforeAll(async () => {
  topdesk = await startFakeTopdesk(CREDENTIALS);
});
afterAll(() => topdesk.close());

beforeEach(async () => {
  topdesk.incidents.length = 0;
  topdesk.requests.length = 0;
  topdesk.incidents.push(
    call(28, 'Gemeente Utrecht', BRP, 'BRP-bevraging geeft time-out'),
    call(25, 'Gemeente Amsterdam', BRP, 'Kan geen uittreksel BRP maken'),
    call(21, 'Gemeente Eindhoven', { category: 'burgerzaken ', subcategory: 'brp' }, 'Registra BRP reageert niet'),
    call(18, 'Gemeente Tilburg', BRP, 'Inloggen BRP mislukt'),
    call(15, 'Gemeente Breda', { object: 'Zaakstroom productie' }, 'Zaak kan niet worden afgesloten'),
    // Texel is not in the mapping, "Facilitair" is no product: kept, never dropped.
    call(12, 'Gemeente Texel', BRP, 'BRP traag'),
    call(9, 'Gemeente Utrecht', { category: 'Facilitair', subcategory: 'Koffieautomaat' }, 'Koffieautomaat 3e verdieping defect'),
  );
  t = await createTestApp({
    content: MESSAGES_FIXTURE.content,
    catalogueOnly: true,
    start: NOW,
    env: { TOPDESK_URL: topdesk.url, TOPDESK_USERNAME: CREDENTIALS.username, TOPDESK_APPLICATION_PASSWORD: CREDENTIALS.password, TOPDESK_MAPPING_FILE: MAPPING },
  });
});
afterEach(() => t.close());

describe('the TOPdesk poller against a TOPdesk on loopback', { timeout: 60_000 }, () => {
  it('stores mapped calls as signals, keeps the unmappable ones, and raises the alert', async () => {
    const result = await pollTopdesk(t.ctx, SYSTEM);
    expect(result).toEqual({ pages: 1, fetched: 7, stored: 5, unmapped: 2, skipped: 0, alertsRaised: 1 });

    const [request] = topdesk.requests;
    expect(request!.authorization).toBe(`Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}`);
    // First poll: the past 24 hours.
    expect(request!.url.searchParams.get('query')).toBe('creationDate=ge=2026-12-02T08:30:00Z');
    expect(request!.url.searchParams.get('fields')).toContain('callerBranch');

    const brp = listSignals(t.ctx, t.people.anouk, { product: 'registra-brp' }).signals;
    // Texel's call is about Registra BRP, but from a branch the mapping does not know.
    expect(brp.map((signal) => [signal.municipality, signal.reference, signal.source])).toEqual([
      [null, 'M2612 006', 'topdesk'],
      ['GM0855', 'M2612 004', 'topdesk'],
      ['GM0772', 'M2612 003', 'topdesk'],
      ['GM0363', 'M2612 002', 'topdesk'],
      ['GM0344', 'M2612 001', 'topdesk'],
    ]);
    expect(brp.at(-1)!.receivedAt).toEqual(new Date('2026-12-03T08:02:00Z'));
    const unmapped = listSignals(t.ctx, t.people.anouk, { unmapped: true }).signals;
    expect(unmapped.map((signal) => ({ reference: signal.reference, product: signal.product, municipality: signal.municipality, unmapped: signal.unmapped }))).toEqual([
      { reference: 'M2612 007', product: null, municipality: 'GM0344', unmapped: { category: 'Facilitair', subcategory: 'Koffieautomaat', branch: 'Gemeente Utrecht' } },
      { reference: 'M2612 006', product: 'registra-brp', municipality: null, unmapped: { category: 'Burgerzaken', subcategory: 'BRP', branch: 'Gemeente Texel' } },
    ]);
    expect(listSignalAlerts(t.ctx, t.people.anouk).map((alert) => [alert.product, alert.suggestion, alert.municipalities])).toEqual([['registra-brp', 'national', ['GM0344', 'GM0363', 'GM0772', 'GM0855']]]);
  });

  it('polls again from the latest call with an overlap, storing nothing twice', async () => {
    await pollTopdesk(t.ctx, SYSTEM);
    t.clock.advance(60_000);
    topdesk.incidents.push(call(0, 'Gemeente Breda', BRP, 'Ook hier BRP-storing'));
    const again = await pollTopdesk(t.ctx, SYSTEM);
    expect(topdesk.requests.at(-1)!.url.searchParams.get('query')).toBe('creationDate=ge=2026-12-03T07:21:00Z');
    expect(again).toMatchObject({ fetched: 8, stored: 1, unmapped: 0, skipped: 7, alertsRaised: 0 });
    expect(listSignalAlerts(t.ctx, t.people.anouk)[0]!.municipalities).toContain('GM0758');
  });

  it('stores nothing when TOPdesk refuses the login, and says which settings to check', async () => {
    const wrong = createTopdeskClient({ url: topdesk.url, username: CREDENTIALS.username, applicationPassword: 'ingetrokken-wachtwoord', mappingFile: MAPPING });
    const error = await wrong.incidentsCreatedSince(NOW).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TopdeskError);
    expect(error).toMatchObject({ kind: 'unauthorized', message: expect.stringContaining('TOPDESK_APPLICATION_PASSWORD') });
    const refusing = { ...t.ctx, topdesk: wrong };
    await expect(pollTopdesk(refusing, SYSTEM)).rejects.toThrow(/refused the login \(401\)/);
    expect(listSignals(t.ctx, t.people.anouk).signals).toEqual([]);
  });
});

describe('the TOPdesk client', { timeout: 60_000 }, () => {
  const client = () => createTopdeskClient({ url: topdesk.url, username: CREDENTIALS.username, applicationPassword: CREDENTIALS.password, mappingFile: MAPPING, pageSize: 3, backoffMs: 5 });

  it('follows 206 Partial Content page by page until the last page', async () => {
    const { incidents, pages } = await client().incidentsCreatedSince(new Date('2026-12-03T00:00:00Z'));
    expect(pages).toBe(3);
    expect(incidents.map((incident) => (incident as { number: string }).number)).toEqual(topdesk.incidents.map((incident) => incident.number));
    expect(topdesk.requests.map((request) => [request.url.searchParams.get('pageStart'), request.url.searchParams.get('pageSize')])).toEqual([
      ['0', '3'],
      ['3', '3'],
      ['6', '3'],
    ]);
  });

  it('treats 204 No Content as no new calls', async () => {
    expect(await client().incidentsCreatedSince(new Date('2026-12-04T00:00:00Z'))).toEqual({ incidents: [], pages: 1 });
  });

  it('retries 429 and 5xx answers, and gives up after the last try', async () => {
    topdesk.failNext(429, 503, 502);
    const { incidents } = await client().incidentsCreatedSince(new Date('2026-12-03T00:00:00Z'));
    expect(incidents).toHaveLength(7);
    expect(topdesk.requests).toHaveLength(3 + 3);
    topdesk.failNext(503, 503, 503, 503);
    await expect(client().incidentsCreatedSince(NOW)).rejects.toMatchObject({ kind: 'unavailable' });
  });
});

describe('the TOPdesk mapping file', () => {
  it('names the file and each wrong field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'helder-mapping-'));
    try {
      const file = join(dir, 'topdesk-mapping.yaml');
      writeFileSync(file, 'products:\n  - product: Registra BRP\n  - product: zaakstroom\n    subcategory: BRP\nmunicipalities:\n  - { municipality: Utrecht, branch: Gemeente Utrecht }\n');
      expect(() => loadTopdeskMapping(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid:\\n  products\\[0\\]\\.product: .*\\n  products\\[0\\]\\.category: give a category or an object\\n  products\\[1\\]\\.category: give a category or an object\\n  products\\[1\\]\\.subcategory: a subcategory needs its category\\n  municipalities\\[0\\]\\.municipality`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(loadTopdeskMapping(MAPPING).products).toHaveLength(3);
  });
});
