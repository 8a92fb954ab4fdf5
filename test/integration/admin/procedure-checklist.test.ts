import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIncident } from '../../../src/use-cases/incidents/open-incident.ts';
import { listChecklist } from '../../../src/store/procedure-checklist-repository.ts';
import { startDrill } from '../../../src/use-cases/drills/start-drill.ts';
import { tickChecklistStep } from '../../../src/use-cases/procedure/tick-checklist-step.ts';
import { postForm, signInOverHttp, startAdmin, type AdminHarness } from './admin-harness.ts';

/** The storingsprocedure on an incident over HTTP (issue 11, item 2): checklist, actions, internal notes. */
let harness: AdminHarness;
const cookies = { composer: '', approver: '' };

beforeAll(async () => {
  harness = await startAdmin({ dispatcher: false });
  cookies.composer = await signInOverHttp(harness, 'composer');
  cookies.approver = await signInOverHttp(harness, 'approver');
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

const post = (cookie: string, path: string, fields: Record<string, string>) => postForm(harness, cookie, path, fields);
const page = async (cookie: string, path: string) => (await fetch(`${harness.origin}${path}`, { headers: { cookie } })).text();
const stepId = (incidentId: string, key: string) => listChecklist(harness.db, incidentId, false).find((step) => step.stepKey === key)!.id;
/** The <li> of one checklist step. */
const stepHtml = (html: string, key: string) => html.match(new RegExp(`<li id="stap-${key}"[\\s\\S]*?</li>`))?.[0] ?? '';

/** Every file under a directory, with its text. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [readFileSync(path, 'utf8')];
  });
}

describe('the storingsprocedure over HTTP', () => {
  it('gives an incident opened over HTTP the checklist of its impact, readable by everyone signed in', async () => {
    const opened = await post(cookies.composer, '/admin/incidenten/nieuw', {
      title_nl: 'Zaakstroom traag bij het openen van zaken',
      impact: 'major',
      product_zaakstroom: 'partial_outage',
      scope: 'chosen',
      gemeenten: 'GM0344',
      status: 'investigating',
      body_nl: 'Zaken openen in Zaakstroom duurt lang. We onderzoeken de oorzaak.',
    });
    expect(opened.status).toBe(303);
    const path = new URL(opened.headers.get('location')!, harness.origin).pathname;
    const id = path.split('/').at(-1)!;
    expect((await page(cookies.composer, path))).toContain(`href="/admin/incidenten/${id}/procedure">Checklist en logboek</a>`);
    const html = await page(cookies.approver, `${path}/procedure`);
    expect(html).toContain('Checklist storingsprocedure');
    expect(html).toContain('Accountmanagers van grote gemeenten bellen');
    expect(html).toContain('Besluiten of er een warroom komt');
    expect(html).not.toContain('Eerste bericht binnen 10 minuten'); // a step of critical outages only
    expect(html).not.toContain('Te laat');
    // The approver reads but does not tick: no buttons, and a POST is refused.
    expect(html).not.toContain('value="stap"');
    expect((await post(cookies.approver, `${path}/procedure`, { actie: 'stap', step: String(stepId(id, 'besluit-warroom')), done: 'ja' })).status).toBe(403);
    expect(listChecklist(harness.db, id, false).map((step) => step.stepKey)).toEqual([
      'incidentmanager-aanwijzen', 'eerste-bericht', 'accountmanagers-grote-gemeenten', 'besluit-warroom', 'leverancier-en-hosting', 'update-ritme', 'kcc-teksten', 'oplossing-bevestigen', 'nabeschouwing',
    ]);
  });

  it('shows overdue steps, ticks them with who and when (audited), takes a tick back and gives a step an owner', async () => {
    // Opened 20 minutes ago: the 5- and 10-minute steps are overdue, the 30-minute ones not yet.
    const openedAt = new Date(harness.clock.now().getTime() - 20 * 60_000);
    const { id } = openIncident(harness.ctx, harness.people.anouk, {
      title: 'Registra BRP landelijk niet bereikbaar',
      impact: 'critical',
      components: { 'registra-brp': 'major_outage' },
      scope: 'all',
      body: 'Registra BRP is voor alle gemeenten niet bereikbaar. We onderzoeken de oorzaak.',
    }, { at: openedAt });
    const path = `/admin/incidenten/${id}/procedure`;
    let html = await page(cookies.composer, path);
    expect(stepHtml(html, 'incidentmanager-aanwijzen')).toContain('Te laat');
    expect(stepHtml(html, 'eerste-bericht-kritiek')).toContain('Te laat');
    expect(stepHtml(html, 'accountmanagers-grote-gemeenten')).not.toContain('Te laat');
    expect(await page(cookies.composer, `/admin/incidenten/${id}`)).toContain('2 stappen of acties zijn te laat');

    const ticked = await post(cookies.composer, path, { actie: 'stap', step: String(stepId(id, 'eerste-bericht-kritiek')), done: 'ja' });
    expect(ticked.status).toBe(303);
    expect(ticked.headers.get('location')).toBe(`${path}?gedaan=step_done`);
    html = await page(cookies.composer, `${path}?gedaan=step_done`);
    expect(html).toContain('De stap is afgevinkt.');
    expect(stepHtml(html, 'eerste-bericht-kritiek')).toMatch(/Gedaan door Anouk de Vries op /);
    expect(stepHtml(html, 'eerste-bericht-kritiek')).not.toContain('Te laat');
    const audited = harness.db.prepare("SELECT actor_name, details FROM audit_log WHERE action = 'checklist_step_done' AND subject_id = ?").get(id) as { actor_name: string; details: string };
    expect(audited.actor_name).toBe('Anouk de Vries');
    expect(JSON.parse(audited.details)).toMatchObject({ step: 'eerste-bericht-kritiek', late: true });

    expect((await post(cookies.composer, path, { actie: 'stap', step: String(stepId(id, 'eerste-bericht-kritiek')), done: 'nee' })).status).toBe(303);
    expect(stepHtml(await page(cookies.composer, path), 'eerste-bericht-kritiek')).toContain('Nog niet gedaan');

    const eva = String(harness.people.eva.userId);
    expect((await post(cookies.composer, path, { actie: 'eigenaar', step: String(stepId(id, 'accountmanagers-grote-gemeenten')), owner: eva })).status).toBe(303);
    expect(stepHtml(await page(cookies.approver, path), 'accountmanagers-grote-gemeenten')).toContain('Eigenaar: Eva Koster');
    // A step of another incident is refused, not ticked.
    const other = listChecklist(harness.db, id, false)[0]!.id + 1000;
    expect((await post(cookies.composer, path, { actie: 'stap', step: String(other), done: 'ja' })).status).toBe(422);
  });

  it('keeps actions with owner and due time, and internal notes that never reach content, the public build or mail', async () => {
    const { id } = openIncident(harness.ctx, harness.people.anouk, {
      title: 'Loket Afspraken geeft foutmeldingen',
      impact: 'minor',
      components: { 'loket-afspraken': 'degraded_performance' },
      scope: { municipalities: ['GM0344'] },
      body: 'Afspraken maken lukt soms niet. We onderzoeken de oorzaak.',
    });
    const path = `/admin/incidenten/${id}/procedure`;
    const empty = await post(cookies.composer, path, { actie: 'actie', action_text: '', action_owner: '', action_due_at: '' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('error-summary');

    const due = new Date(harness.clock.now().getTime() + 60 * 60_000);
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(due).replace(' ', 'T');
    const added = await post(cookies.composer, path, { actie: 'actie', action_text: 'Hostingpartij bellen over de databaseserver', action_owner: String(harness.people.eva.userId), action_due_at: local });
    expect(added.status).toBe(303);
    let html = await page(cookies.composer, path);
    const action = html.match(/<li id="actie-(\d+)">[\s\S]*?<\/li>/)!;
    expect(action[0]).toContain('Hostingpartij bellen over de databaseserver');
    expect(action[0]).toContain('Eigenaar: Eva Koster');
    expect(action[0]).toContain('Nog niet gedaan');
    expect((await post(cookies.composer, path, { actie: 'actie-klaar', entry: action[1]!, done: 'ja' })).status).toBe(303);
    html = await page(cookies.composer, path);
    expect(html.match(/<li id="actie-\d+">[\s\S]*?<\/li>/)![0]).toMatch(/Gedaan door Anouk de Vries op /);

    const secret = 'Warroom in kamer 2.14; oorzaak vermoedelijk de failover van Henk bij de hoster';
    expect((await post(cookies.composer, path, { actie: 'notitie', note_text: secret })).status).toBe(303);
    expect(await page(cookies.approver, path)).toContain(secret.replace("'", '&#39;'));
    expect(harness.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'war_room_note_added' AND subject_id = ?").get(id)).toEqual({ n: 1 });
    // Notes cannot be changed afterwards.
    expect(() => harness.db.prepare("UPDATE war_room_entries SET text = 'anders' WHERE kind = 'note'").run()).toThrow(/append-only/);

    // Never public: not in the content the public build is made of, not in what was built, not in mail.
    const publicFiles = [...filesUnder(harness.contentDir), ...filesUnder(join(harness.dataDir, 'site'))];
    expect(publicFiles.length).toBeGreaterThan(0);
    expect(publicFiles.some((text) => text.includes('kamer 2.14'))).toBe(false);
    for (const table of ['outbox_messages', 'outbox_renderings', 'captured_mail']) {
      expect(JSON.stringify(harness.db.prepare(`SELECT * FROM ${table}`).all()), table).not.toContain('kamer 2.14');
    }
  });

  it('gives a drill incident its checklist in the drill, apart from the live incidents, and the drill report lists the steps not done', async () => {
    const { drillId } = startDrill(harness.ctx, harness.people.bram, { scenario_id: 'lokale-storing-een-gemeente' });
    const { id } = openIncident(harness.drill, harness.people.anouk, {
      title: 'Oefening: Zaakstroom niet bereikbaar',
      impact: 'major',
      components: { zaakstroom: 'major_outage' },
      scope: 'all',
      body: 'Zaakstroom is niet bereikbaar. We onderzoeken de oorzaak.',
    });
    expect(listChecklist(harness.db, id, true)).toHaveLength(9);
    expect(listChecklist(harness.db, id, false)).toEqual([]);
    const first = listChecklist(harness.db, id, true).find((step) => step.stepKey === 'incidentmanager-aanwijzen')!;
    tickChecklistStep(harness.drill, harness.people.anouk, { id, step: first.id, done: true });

    const report = await page(cookies.composer, `/admin/oefeningen/${drillId}/rapport`);
    const start = report.indexOf('Checklist: te laat of niet gedaan');
    const section = report.slice(start, report.indexOf('<h2', start));
    expect(section).toContain('Besluiten of er een warroom komt: niet gedaan');
    expect(section).not.toContain('Incidentmanager aanwijzen en bevestigen');
    // The tick itself is a step on the drill's timeline, with who did it and which step.
    expect(report).toMatch(/Stap van de storingsprocedure afgevinkt<\/td><td>Anouk de Vries<\/td><td>Incidentmanager aanwijzen en bevestigen/);
  });
});
