import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft } from '../../../src/use-cases/messages/create-draft.ts';
import { submitMessage } from '../../../src/use-cases/messages/submit-message.ts';
import { openIncident } from '../../../src/use-cases/incidents/open-incident.ts';
import { approvePublicChange } from '../../../src/use-cases/incidents/approve-public-change.ts';
import { proposePublicChange } from '../../../src/use-cases/incidents/propose-public-change.ts';
import { addUser } from '../../../src/use-cases/accounts/add-user.ts';
import { incidentUpdateDraft } from '../../support/builders.ts';
import { PEOPLE as COLLEAGUES } from '../../support/test-app.ts';
import { postForm, signInOverHttp, startAdmin, type AdminHarness } from './admin-harness.ts';

/** Incident command over HTTP (issue 11): the approver's review, separation of duties, the incident manager. */
let harness: AdminHarness;
const cookies = { composer: '', approver: '', admin: '' };

beforeAll(async () => {
  harness = await startAdmin({ dispatcher: false });
  cookies.composer = await signInOverHttp(harness, 'composer');
  cookies.approver = await signInOverHttp(harness, 'approver');
  cookies.admin = await signInOverHttp(harness, 'admin');
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

const post = (cookie: string, path: string, fields: Record<string, string | string[]>) => postForm(harness, cookie, path, fields);

const page = async (cookie: string, path: string) => (await fetch(`${harness.origin}${path}`, { headers: { cookie } })).text();

const pendingChange = (incidentId: string) =>
  harness.db.prepare("SELECT id, content_hash FROM public_changes WHERE incident_id = ? AND state = 'pending'").get(incidentId) as { id: string; content_hash: string };

describe('the approver sees what they approve first', () => {
  it('shows every channel in both languages and the recipients by municipality before the approve button', async () => {
    const draft = createDraft(harness.ctx, harness.people.anouk, incidentUpdateDraft());
    submitMessage(harness.ctx, harness.people.anouk, { messageId: draft.id });
    const html = await page(cookies.approver, `/admin/berichten/${draft.id}`);
    // Each text must come after the one before it: read top to bottom, the button is last.
    let from = 0;
    for (const text of [
      'Controleer voordat u goedkeurt',
      'Bericht in het Nederlands',
      'Registra BRP niet bereikbaar',
      'een verlopen certificaat op de koppeling',
      'Bericht in het Engels',
      'an expired certificate on the link',
      'Ontvangers per gemeente',
      'servicedesk@utrecht.nl',
      'value="goedkeuren"',
    ]) {
      const at = html.indexOf(text, from);
      expect(at, text).toBeGreaterThan(-1);
      from = at + text.length;
    }
    expect(html).toMatch(/Utrecht: \d+ ontvanger/);
    expect(html).toContain(`/admin/berichten/${draft.id}/html?taal=en`);
    // The composer (who cannot approve) sees the ordinary preview, not the approver's review.
    expect(await page(cookies.composer, `/admin/berichten/${draft.id}`)).not.toContain('Controleer voordat u goedkeurt');
  });
});

describe('separation of duties over HTTP', () => {
  it('explains before the click why an admin-approver may not approve a message of an account they created, and refuses the click', async () => {
    // Fatima is administrator and approver: she creates a composer account and writes as it.
    const fatima = harness.people.fatima;
    const kees = await addUser(harness.ctx, fatima, { email: 'kees.smit@voorbeeldsoftware.nl', name: 'Kees Smit', roles: ['composer'], password: 'zonnebloem-koffie-molen-88' });
    const asKees = { kind: 'user' as const, userId: kees.id, email: kees.email, name: kees.name, roles: [...kees.roles], sessionId: 'sessie-kees', sessionStartedAt: new Date() };
    const draft = createDraft(harness.ctx, asKees, incidentUpdateDraft());
    submitMessage(harness.ctx, asKees, { messageId: draft.id });
    const signIn = await fetch(`${harness.origin}/admin/aanmelden`, {
      method: 'POST',
      body: new URLSearchParams({ email: COLLEAGUES.fatima.email, password: COLLEAGUES.fatima.password, terug: '/admin' }),
      redirect: 'manual',
      headers: { Origin: harness.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const html = await page(cookie, `/admin/berichten/${draft.id}`);
    expect(html).toContain('U heeft het account van de schrijver van dit bericht aangemaakt.');
    expect(html).not.toContain('value="goedkeuren"');
    const refused = await post(cookie, `/admin/berichten/${draft.id}`, { actie: 'goedkeuren' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Daarom mag u de berichten van dit account 7 dagen niet goedkeuren');
    const audited = harness.db.prepare("SELECT actor_name FROM audit_log WHERE action = 'duty_separation_refused' AND subject_id = ?").all(draft.id) as Array<{ actor_name: string }>;
    expect(audited).toEqual([{ actor_name: 'Fatima El Amrani' }]);
  });

  it('refuses an admin who changes their own roles, with the reason', async () => {
    const refused = await post(cookies.admin, `/admin/gebruikers/${harness.userIds.admin}`, { actie: 'rollen', roles: ['admin', 'approver'] });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('U kunt uw eigen account niet uitschakelen en uw eigen rollen niet wijzigen.');
  });
});

describe('the incident manager over HTTP', () => {
  it('is the opener by default, shows on every screen of the incident, and is handed over with a note', async () => {
    const opened = await post(cookies.composer, '/admin/incidenten/nieuw', {
      title_nl: 'Loket Afspraken traag in Utrecht',
      impact: 'minor',
      'product_loket-afspraken': 'degraded_performance',
      scope: 'chosen',
      gemeenten: 'GM0344',
      status: 'investigating',
      body_nl: 'Afspraken maken in Utrecht gaat traag. We onderzoeken de oorzaak.',
      incident_manager: String(harness.people.anouk.userId),
    });
    expect(opened.status).toBe(303);
    const path = new URL(opened.headers.get('location')!, harness.origin).pathname;
    for (const screen of [path, `${path}/update`, `${path}/oplossen`]) {
      expect(await page(cookies.composer, screen), screen).toMatch(/<strong>Incidentmanager:<\/strong> Anouk de Vries \(sinds /);
    }
    const detail = await page(cookies.composer, path);
    expect(detail).toContain('Incidentmanager overdragen');
    const row = (await page(cookies.approver, '/admin/incidenten')).match(/<tr>(?:(?!<\/tr>)[\s\S])*Loket Afspraken traag in Utrecht[\s\S]*?<\/tr>/)?.[0];
    expect(row).toMatch(/<td>Anouk de Vries<\/td>/);

    const tooShort = await post(cookies.composer, path, { actie: 'overdragen', to: String(harness.people.eva.userId), note: 'ok' });
    expect(tooShort.status).toBe(422);
    const handedOver = await post(cookies.composer, path, { actie: 'overdragen', to: String(harness.people.eva.userId), note: 'Storing bij de hostingpartij gemeld; volgende update om 10:30 beloofd.' });
    expect(handedOver.status).toBe(303);
    const after = await page(cookies.approver, path);
    expect(after).toMatch(/<strong>Incidentmanager:<\/strong> Eva Koster \(sinds /);
    expect(after).toContain('van Anouk de Vries aan Eva Koster (door Anouk de Vries)');
    expect(after).toContain('volgende update om 10:30 beloofd.');
    // An approver may read, not hand over.
    expect(after).not.toContain('Incidentmanager overdragen');
    expect((await post(cookies.approver, path, { actie: 'overdragen', to: String(harness.people.anouk.userId), note: 'Ik neem het over.' })).status).toBe(403);
  });
});

describe('a second incident on a product with an open one', () => {
  it('is warned about with a link to the open incident, and opened only when the person confirms', async () => {
    const form = {
      title_nl: 'Registra BRP: inloggen mislukt',
      impact: 'major',
      'product_registra-brp': 'major_outage',
      scope: 'all',
      status: 'investigating',
      body_nl: 'Medewerkers kunnen niet inloggen in Registra BRP. We onderzoeken de oorzaak.',
    };
    const warned = await post(cookies.composer, '/admin/incidenten/nieuw', form);
    expect(warned.status).toBe(409);
    const html = await warned.text();
    expect(html).toContain('Er loopt al een incident voor dit product');
    expect(html).toContain('href="/admin/incidenten/2026-11-27-registra-brp-landelijke-storing"');
    // What was typed is kept.
    expect(html).toContain('Medewerkers kunnen niet inloggen in Registra BRP.');
    const opened = await post(cookies.composer, '/admin/incidenten/nieuw', { ...form, toch_openen: 'ja' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toMatch(/\/admin\/incidenten\/[a-z0-9-]*registra-brp-inloggen-mislukt\?gedaan=ter_goedkeuring$/);
  });
});

describe('changing an incident’s shape over HTTP', () => {
  it('widens a local incident to all municipalities with an explanation on the timeline', async () => {
    const opened = openIncident(harness.ctx, harness.people.anouk, {
      title: 'Taxo Belastingen traag in Groningen en Almere',
      impact: 'minor',
      components: { 'taxo-belastingen': 'degraded_performance' },
      scope: { municipalities: ['GM0014', 'GM0034'] },
      body: 'Het openen van aanslagen duurt lang in Groningen en Almere. We onderzoeken de oorzaak.',
    });
    const path = `/admin/incidenten/${opened.id}/wijzigen`;
    const form = await page(cookies.composer, path);
    expect(form).toContain('Wijzigen: Taxo Belastingen traag in Groningen en Almere');
    expect(form).toMatch(/<strong>Incidentmanager:<\/strong> Anouk de Vries/);
    const nothing = await post(cookies.composer, path, { title_nl: 'Taxo Belastingen traag in Groningen en Almere', impact: 'minor', producten: 'taxo-belastingen', scope: 'chosen', gemeenten: ['GM0014', 'GM0034'], body_nl: 'Geen wijziging eigenlijk.' });
    expect(nothing.status).toBe(422);
    expect(await nothing.text()).toContain('U heeft niets gewijzigd.');
    const changed = await post(cookies.composer, path, { title_nl: 'Taxo Belastingen traag in alle gemeenten', impact: 'major', producten: 'taxo-belastingen', scope: 'all', body_nl: 'De traagheid raakt nu alle gemeenten, niet alleen Groningen en Almere.' });
    expect(changed.status).toBe(303);
    expect(changed.headers.get('location')).toMatch(/\?gedaan=ter_goedkeuring$/);
    // The change waits for the approver, who reads it before the button; then it is on the timeline.
    const waiting = await page(cookies.approver, `/admin/incidenten/${opened.id}`);
    expect(waiting.indexOf('Taxo Belastingen traag in alle gemeenten')).toBeLessThan(waiting.indexOf('value="goedkeuren"'));
    const offered = pendingChange(opened.id);
    expect((await post(cookies.approver, `/admin/incidenten/${opened.id}`, { actie: 'goedkeuren', wijziging: offered.id, hash: offered.content_hash })).status).toBe(303);
    const detail = await page(cookies.approver, `/admin/incidenten/${opened.id}`);
    expect(detail).toContain('<h1 class="nl-heading nl-heading--level-1">Taxo Belastingen traag in alle gemeenten</h1>');
    expect(detail).toContain('De traagheid raakt nu alle gemeenten, niet alleen Groningen en Almere.');
    expect((await post(cookies.approver, path, { title_nl: 'x', impact: 'major', producten: 'taxo-belastingen', scope: 'all', body_nl: 'Geen recht.' })).status).toBe(403);
  });
});

describe('approval for everything public over HTTP', () => {
  it('says what will happen, keeps an opening off the page until a colleague approves it, and refuses the author', async () => {
    const form = await page(cookies.composer, '/admin/incidenten/nieuw');
    expect(form).toContain('Dit gaat naar de goedkeurder. Het staat pas op de statuspagina als een collega het heeft goedgekeurd.');
    const opened = await post(cookies.composer, '/admin/incidenten/nieuw', {
      title_nl: 'Zaakstroom: documenten openen mislukt in Zwolle',
      impact: 'minor',
      'product_zaakstroom': 'partial_outage',
      scope: 'chosen',
      gemeenten: 'GM0193',
      status: 'investigating',
      body_nl: 'In Zwolle openen documenten in Zaakstroom **niet**. We onderzoeken de oorzaak.\n\n- Aanvragen kunt u wel indienen.\n- <b>Geen HTML</b>',
    });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toMatch(/\?gedaan=ter_goedkeuring$/);
    const path = new URL(opened.headers.get('location')!, harness.origin).pathname;
    const id = path.split('/').at(-1)!;

    const asComposer = await page(cookies.composer, `${path}?gedaan=ter_goedkeuring`);
    expect(asComposer).toContain('Dit incident staat nog niet op de statuspagina. De opening wacht op goedkeuring.');
    expect(asComposer).toContain('U heeft dit zelf aangeboden. Een collega moet het goedkeuren.');
    expect(asComposer).not.toContain('value="goedkeuren"');
    expect(asComposer).not.toContain('Bekijk op de statuspagina');
    // Updates wait for the opening.
    const early = await post(cookies.composer, `${path}/update`, { status: 'identified', body_nl: 'Oorzaak gevonden.' });
    expect(early.status).toBe(422);
    expect(await early.text()).toContain('de opening wacht op goedkeuring');

    // The approver is told on the dashboard, with a direct link, and the list marks it.
    const dashboard = await page(cookies.approver, '/admin');
    expect(dashboard).toMatch(/\d+ wijziging(en)? van de statuspagina wacht(en)? op goedkeuring/);
    expect(dashboard).toContain(`href="${path}#wacht-op-goedkeuring"`);
    expect((await page(cookies.approver, '/admin/incidenten')).match(/<tr>(?:(?!<\/tr>)[\s\S])*Zaakstroom: documenten openen mislukt in Zwolle[\s\S]*?<\/tr>/)?.[0]).toContain('Nog niet op de statuspagina');

    // The approver reads what goes public before the buttons.
    const review = await page(cookies.approver, path);
    let from = 0;
    for (const text of ['Wacht op goedkeuring', 'Incident openen', 'Aangeboden door Anouk de Vries', 'Zaakstroom: documenten openen mislukt in Zwolle', 'In Zwolle openen documenten in Zaakstroom <strong>niet</strong>.', '<li>Aanvragen kunt u wel indienen.</li>', 'Zwolle', 'value="goedkeuren"', 'Reden van afwijzing']) {
      const at = review.indexOf(text, from);
      expect(at, text).toBeGreaterThan(-1);
      from = at + text.length;
    }
    // The text as the status page will show it: Markdown rendered by the same safe renderer, raw HTML as text.
    expect(review).not.toContain('**niet**');
    expect(review).toContain('&lt;b&gt;Geen HTML&lt;/b&gt;');
    const offered = pendingChange(id);
    // The composer cannot approve (no role); a reason of a few letters is refused with the field named.
    expect((await post(cookies.composer, path, { actie: 'goedkeuren', wijziging: offered.id, hash: offered.content_hash })).status).toBe(403);
    const short = await post(cookies.approver, path, { actie: 'afwijzen', wijziging: offered.id, reden: 'nee' });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain(`href="#veld-reden-${offered.id}"`);

    const approved = await post(cookies.approver, path, { actie: 'goedkeuren', wijziging: offered.id, hash: offered.content_hash });
    expect(approved.status).toBe(303);
    expect(approved.headers.get('location')).toMatch(/\?gedaan=wijziging_goedgekeurd$/);
    const after = await page(cookies.composer, path);
    expect(after).not.toContain('staat nog niet op de statuspagina');
    expect(after).toMatch(/Goedgekeurd door Bram Jansen op /);
    expect(await page(cookies.composer, `${path}/oplossen`)).toContain('Dit gaat naar de goedkeurder.');
  });
});

describe('the herinnering (reminder) banner over HTTP', () => {
  it('stays on every admin page of those who write updates from 10 minutes before the promised time, and goes once the update is offered', async () => {
    const promised = new Date(harness.clock.now().getTime() + 30 * 60_000);
    const offered = proposePublicChange(harness.ctx, harness.people.anouk, {
      kind: 'open',
      input: {
        title: 'Loket Afspraken traag in Zwolle',
        impact: 'minor',
        components: { 'loket-afspraken': 'degraded_performance' },
        scope: { municipalities: ['GM0193'] },
        body: 'Inwoners van Zwolle kunnen maar langzaam een afspraak maken. We onderzoeken de oorzaak.',
        next_update_at: promised.toISOString(),
      },
    });
    approvePublicChange(harness.ctx, harness.people.bram, { changeId: offered.changeId, hash: offered.hash });
    expect(await page(cookies.composer, '/admin')).not.toContain('id="herinnering"');

    harness.clock.advance(21 * 60_000);
    for (const path of ['/admin', '/admin/berichten', `/admin/incidenten/${offered.incidentId}`]) {
      const html = await page(cookies.composer, path);
      expect(html, path).toContain('id="herinnering"');
      expect(html, path).toContain('Over 10 minuten is de volgende update van “Loket Afspraken traag in Zwolle” beloofd');
      expect(html, path).toContain(`href="/admin/incidenten/${offered.incidentId}">Naar het incident</a>`);
    }
    // The approver does not write updates: no banner for them.
    expect(await page(cookies.approver, '/admin')).not.toContain('id="herinnering"');

    harness.clock.advance(10 * 60_000);
    expect(await page(cookies.composer, '/admin/incidenten')).toContain('De volgende update van “Loket Afspraken traag in Zwolle” was beloofd op');

    proposePublicChange(harness.ctx, harness.people.anouk, { kind: 'update', input: { id: offered.incidentId, status: 'identified', body: 'De oorzaak is gevonden: een volle schijf.', components: {} } });
    expect(await page(cookies.composer, '/admin')).not.toContain('“Loket Afspraken traag in Zwolle”');
  });
});
