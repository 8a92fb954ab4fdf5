import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft } from '../../../src/use-cases/messages/create-draft.ts';
import { listCapturedMail } from '../../../src/mail/captured-mail.ts';
import { sendTestMessage } from '../../../src/use-cases/deliveries/send-test-message.ts';
import { incidentUpdateDraft } from '../../support/builders.ts';
import { PEOPLE, signInOverHttp, startAdmin, type AdminHarness, type Person } from './admin-harness.ts';

const INCIDENT = '2026-11-27-registra-brp-landelijke-storing';
const MAINTENANCE = '2026-12-12-vervanging-servers-loket';

type Who = 'anonymous' | Person;
const WHO: Who[] = ['anonymous', 'composer', 'approver', 'admin'];

let harness: AdminHarness;
const cookies: Partial<Record<Who, string>> = {};
const ids = { draft: '', testMessage: '', mail: 0, user: 0 };

beforeAll(async () => {
  harness = await startAdmin();
  for (const person of ['composer', 'approver', 'admin'] as const) cookies[person] = await signInOverHttp(harness, person);
  ids.draft = createDraft(harness.ctx, harness.people.anouk, incidentUpdateDraft({ subject: { kind: 'incident', id: INCIDENT } })).id;
  ids.testMessage = sendTestMessage(harness.ctx, harness.people.bram);
  // The harness's dispatcher (startDispatcher returns the one that runs).
  await harness.app.startDispatcher().drain();
  ids.mail = listCapturedMail(harness.db, { outboxMessageId: ids.testMessage })[0]!.id;
  ids.user = harness.userIds.composer;
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

async function request(who: Who, method: 'GET' | 'POST', path: string, body?: Record<string, string>): Promise<Response> {
  const headers: Record<string, string> = {};
  if (cookies[who]) headers.cookie = cookies[who];
  if (method === 'POST') {
    headers.origin = harness.origin;
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  return fetch(`${harness.origin}${path}`, { method, headers, redirect: 'manual', ...(method === 'POST' ? { body: new URLSearchParams(body ?? {}) } : {}) });
}

/** [method, path, expected status for anonymous, composer, approver, admin]. */
type Row = [method: 'GET' | 'POST', path: () => string, anonymous: number, composer: number, approver: number, admin: number];
const G = 303; // anonymous GET: to the sign-in page

const MATRIX: Row[] = [
  ['GET', () => '/admin', G, 200, 200, 200],
  ['GET', () => '/admin/aanmelden', 200, 303, 303, 303],
  ['GET', () => '/admin/stijl.css', 200, 200, 200, 200],
  ['GET', () => '/admin/script/voorbeeld.js', 200, 200, 200, 200],
  ['GET', () => '/admin/script/velden.js', 200, 200, 200, 200],
  ['GET', () => '/admin/afmelden', G, 200, 200, 200],
  ['GET', () => '/admin/incidenten', G, 200, 200, 200],
  ['GET', () => '/admin/incidenten/nieuw', G, 200, 403, 403],
  ['GET', () => `/admin/incidenten/${INCIDENT}`, G, 200, 200, 200],
  ['GET', () => '/admin/incidenten/bestaat-niet', G, 404, 404, 404],
  ['GET', () => `/admin/incidenten/${INCIDENT}/update`, G, 200, 403, 403],
  ['GET', () => `/admin/incidenten/${INCIDENT}/oplossen`, G, 200, 403, 403],
  ['GET', () => `/admin/incidenten/${INCIDENT}/wijzigen`, G, 200, 403, 403],
  ['GET', () => `/admin/incidenten/${INCIDENT}/nabeschouwing`, G, 200, 403, 403],
  ['GET', () => '/admin/onderhoud', G, 200, 200, 200],
  ['GET', () => '/admin/onderhoud/nieuw', G, 200, 403, 403],
  ['GET', () => `/admin/onderhoud/${MAINTENANCE}`, G, 200, 200, 200],
  ['GET', () => '/admin/berichten', G, 200, 200, 403],
  ['GET', () => '/admin/berichten/nieuw', G, 200, 403, 403],
  ['GET', () => `/admin/berichten/nieuw?onderwerp=incident:${INCIDENT}&sjabloon=update`, G, 200, 403, 403],
  ['GET', () => `/admin/berichten/${ids.draft}`, G, 200, 200, 403],
  ['GET', () => `/admin/berichten/${ids.draft}/bewerken`, G, 200, 403, 403],
  ['GET', () => `/admin/berichten/${ids.draft}/html`, G, 200, 200, 403],
  ['GET', () => `/admin/berichten/${ids.testMessage}/verzending`, G, 200, 200, 200],
  ['GET', () => '/admin/voorbeeld/onbekend-token', G, 404, 403, 403],
  ['GET', () => '/admin/postbus', G, 200, 200, 200],
  ['GET', () => `/admin/postbus/${ids.mail}`, G, 200, 200, 200],
  ['GET', () => `/admin/postbus/${ids.mail}/html`, G, 200, 200, 200],
  ['GET', () => `/admin/postbus/${ids.mail}/download`, G, 200, 200, 200],
  ['GET', () => '/admin/gebruikers', G, 403, 403, 200],
  ['GET', () => `/admin/gebruikers/${ids.user}`, G, 403, 403, 200],
  ['GET', () => '/admin/audit', G, 403, 403, 200],
  ['GET', () => '/admin/audit?controleer=1', G, 403, 403, 200],
  ['GET', () => '/admin/contacten', G, 403, 403, 200],
  ['GET', () => '/admin/contacten?gemeente=GM0344', G, 403, 403, 200],
  ['GET', () => '/admin/contacten/1', G, 403, 403, 200],
  ['GET', () => '/admin/contacten/import', G, 403, 403, 200],
  ['GET', () => '/admin/contacten/export.csv', G, 403, 403, 200],
  ['GET', () => '/admin/kanalen', G, 403, 403, 200],
  ['GET', () => '/admin/bestaat-niet', 404, 404, 404, 404],
  // State changes, each with a form that is refused for content (422/400) once past authorisation.
  ['POST', () => '/admin/taal', 303, 303, 303, 303],
  ['POST', () => '/admin/incidenten/nieuw', 401, 422, 403, 403],
  ['POST', () => `/admin/incidenten/${INCIDENT}/update`, 401, 422, 403, 403],
  ['POST', () => `/admin/incidenten/${INCIDENT}/oplossen`, 401, 422, 403, 403],
  ['POST', () => `/admin/incidenten/${INCIDENT}/wijzigen`, 401, 422, 403, 403],
  // Handing over the incident manager role: no action named → 400 for whoever may hand over.
  ['POST', () => `/admin/incidenten/${INCIDENT}`, 401, 400, 403, 403],
  ['POST', () => `/admin/incidenten/${INCIDENT}/nabeschouwing`, 401, 422, 403, 403],
  ['POST', () => '/admin/onderhoud/nieuw', 401, 422, 403, 403],
  ['POST', () => `/admin/onderhoud/${MAINTENANCE}`, 401, 422, 403, 403],
  ['POST', () => '/admin/berichten/voorbeeld', 401, 404, 403, 403],
  ['POST', () => `/admin/berichten/${ids.draft}`, 401, 400, 400, 403],
  ['POST', () => `/admin/berichten/${ids.draft}/bewerken`, 401, 200, 403, 403],
  ['POST', () => `/admin/berichten/${ids.testMessage}/verzending`, 401, 400, 400, 403],
  ['POST', () => '/admin/gebruikers', 401, 403, 403, 422],
  ['POST', () => '/admin/contacten', 401, 403, 403, 422],
  ['POST', () => '/admin/contacten/1', 401, 403, 403, 422],
  ['POST', () => '/admin/contacten/import', 401, 403, 403, 422],
  ['POST', () => '/admin/kanalen', 401, 403, 403, 400],
  ['POST', () => `/admin/gebruikers/${ids.user}`, 401, 403, 403, 400],
];

describe('every admin route as anonymous, composer, approver and admin', () => {
  it.each(MATRIX.map((row) => [`${row[0]} ${row[1].toString().replace(/^\(\) => /, '')}`, row] as const))('%s', async (_name, row) => {
    const [method, path, ...expected] = row;
    const actual: Record<Who, number> = { anonymous: 0, composer: 0, approver: 0, admin: 0 };
    for (const who of WHO) {
      const response = await request(who, method, path());
      actual[who] = response.status;
      await response.arrayBuffer();
    }
    expect(actual).toEqual({ anonymous: expected[0], composer: expected[1], approver: expected[2], admin: expected[3] });
  });

  it('sends anonymous visitors to the sign-in page and back to where they were going', async () => {
    const response = await request('anonymous', 'GET', '/admin/incidenten');
    expect(response.headers.get('location')).toBe('/admin/aanmelden?terug=%2Fadmin%2Fincidenten');
  });
});

describe('CSRF: state changes only from the admin itself', () => {
  const post = (headers: Record<string, string>, body = 'title_nl=Registra') =>
    fetch(`${harness.origin}/admin/incidenten/nieuw`, { method: 'POST', redirect: 'manual', headers: { cookie: cookies.composer!, ...headers }, body });

  it('refuses a form posted from a foreign origin', async () => {
    const response = await post({ origin: 'https://aanvaller.example', 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(403);
  });

  it('refuses a form with Origin "null" (a sandboxed frame or a redirect)', async () => {
    const response = await post({ origin: 'null', 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(403);
  });

  it('refuses a post without Origin and without Sec-Fetch-Site', async () => {
    const response = await post({ 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(403);
  });

  it('refuses text/plain, the content type a cross-site form can send without a preflight', async () => {
    const response = await post({ origin: harness.origin, 'content-type': 'text/plain' });
    expect(response.status).toBe(415);
  });

  it('refuses text/plain in mixed case too', async () => {
    const response = await post({ origin: harness.origin, 'content-type': 'Text/Plain; charset=UTF-8' });
    expect(response.status).toBe(415);
  });

  it('accepts the same form from the admin itself (it is refused for its content, not its origin)', async () => {
    expect((await post({ origin: harness.origin, 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(422);
    expect((await post({ origin: harness.origin, 'content-type': 'multipart/form-data; boundary=x' }, '--x--\r\n')).status).toBe(422);
  });

  it('changes nothing when refused', async () => {
    const before = harness.ctx.content.read().incidents.length;
    const body = new URLSearchParams({ title_nl: 'Zaakstroom niet bereikbaar', body_nl: 'We onderzoeken het.', impact: 'major', scope: 'all', status: 'investigating', product_zaakstroom: 'major_outage' }).toString();
    expect((await post({ origin: 'https://aanvaller.example', 'content-type': 'application/x-www-form-urlencoded' }, body)).status).toBe(403);
    expect((await post({ origin: harness.origin, 'content-type': 'text/plain' }, body)).status).toBe(415);
    expect(harness.ctx.content.read().incidents.length).toBe(before);
  });
});

describe('security headers on admin responses', () => {
  it('sends a CSP without unsafe-inline that forbids framing, plus nosniff, a same-origin referrer policy and no-store', async () => {
    const response = await request('composer', 'GET', '/admin');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('serves a mail preview sandboxed, with hashed styles only, framable by the admin alone', async () => {
    const response = await request('composer', 'GET', `/admin/berichten/${ids.draft}/html`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/(^|; )sandbox(;|$)/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});

describe('sign-in and sessions over HTTP', () => {
  it('signing out ends the session: the old cookie no longer opens anything', async () => {
    const cookie = await signInOverHttp(harness, 'approver');
    const out = await fetch(`${harness.origin}/admin/afmelden`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: harness.origin, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    const after = await fetch(`${harness.origin}/admin`, { headers: { cookie }, redirect: 'manual' });
    expect(after.status).toBe(303);
    cookies.approver = await signInOverHttp(harness, 'approver');
  });
  it('slows an account down after 5 failures with 429 and Retry-After', async () => {
    const attempt = () =>
      fetch(`${harness.origin}/admin/aanmelden`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: harness.origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'onbekend@gemeente-voorbeeld.nl', password: 'verkeerd wachtwoord nummer een' }),
      });
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) statuses.push((await attempt()).status);
    expect(statuses).toEqual(Array(5).fill(401));
    const throttled = await attempt();
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await throttled.text()).toContain('Te veel mislukte pogingen');
  });

  it('keeps letting the approver in from her own browser (device cookie) while her account is under attack', async () => {
    const approver = PEOPLE.approver;
    const post = (password: string, cookie?: string) =>
      fetch(`${harness.origin}/admin/aanmelden`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: harness.origin, 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
        body: new URLSearchParams({ email: approver.email, password, terug: '/admin' }),
      });
    const first = await post(approver.password);
    expect(first.status).toBe(303);
    const device = first.headers.getSetCookie().find((value) => value.startsWith('helder_device='));
    expect(device).toMatch(/^helder_device=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=15552000$/);
    const deviceCookie = device!.split(';')[0]!;
    for (let index = 0; index < 6; index += 1) await post(`geraden wachtwoord ${index}`);
    expect((await post(approver.password)).status).toBe(429);
    const ownBrowser = await post(approver.password, deviceCookie);
    expect(ownBrowser.status).toBe(303);
    // The browser keeps the cookie it has; only the session cookie is new.
    expect(ownBrowser.headers.getSetCookie().map((value) => value.split('=')[0])).toEqual(['helder_session']);
  });

});
