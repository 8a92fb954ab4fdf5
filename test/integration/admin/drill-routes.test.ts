import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillMessages } from '../../../src/i18n/drill-messages.ts';
import { approveMessage } from '../../../src/use-cases/messages/approve-message.ts';
import { createDraft } from '../../../src/use-cases/messages/create-draft.ts';
import { submitMessage } from '../../../src/use-cases/messages/submit-message.ts';
import { readIncidentFile } from '../../../src/content/write-content.ts';
import { prefillFromIncident } from '../../../src/templates/index.ts';
import { checkedInTemplates } from '../../support/test-app.ts';
import { signInOverHttp, startAdmin, type AdminHarness, type Person } from './admin-harness.ts';

/**
 * The drill screens over HTTP, through the real server and the real full build, on a LIVE
 * instance: who may do what, the forms work without JavaScript, every screen carries the
 * OEFENING / DRILL banner, and the report, JSON export, preview and captured mail are served.
 */
let harness: AdminHarness;
const cookies = {} as Record<Person, string>;

beforeAll(async () => {
  harness = await startAdmin();
  for (const person of ['composer', 'approver', 'admin'] as const) cookies[person] = await signInOverHttp(harness, person);
}, 600_000);
afterAll(async () => {
  await harness?.close();
});

function get(path: string, person: Person | null) {
  return fetch(`${harness.origin}${path}`, { redirect: 'manual', headers: person ? { Cookie: cookies[person] } : {} });
}

function post(path: string, person: Person, fields: Record<string, string>) {
  return fetch(`${harness.origin}${path}`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams(fields),
    headers: { Cookie: cookies[person], Origin: harness.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
  });
}

const BANNER = /<section class="admin-banner admin-banner--drill"[^>]*>\s*<strong[^>]*>OEFENING \/ DRILL<\/strong>/;

describe('the drill screens', () => {
  let drillPath = '';

  it('send anonymous visitors to sign-in and refuse a composer the start form', async () => {
    const anonymous = await get('/admin/oefeningen', null);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/admin\/aanmelden\?terug=/);
    const composerPage = await (await get('/admin/oefeningen', 'composer')).text();
    expect(composerPage).toMatch(BANNER);
    expect(composerPage).not.toContain('name="scenario_id"');
    const refused = await post('/admin/oefeningen', 'composer', { scenario_id: 'landelijke-storing-registra-brp' });
    expect(refused.status).toBe(403);
  });

  it('start a drill from the form, with the roles, and show the drill page', async () => {
    const page = await (await get('/admin/oefeningen', 'approver')).text();
    expect(page).toContain('value="landelijke-storing-registra-brp"');
    expect(page).toContain('value="mislukt-onderhoud-loopt-uit"');
    const bad = await post('/admin/oefeningen', 'approver', { scenario_id: 'landelijke-storing-registra-brp', role_approver: String(harness.userIds.composer) });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('daarvoor is de rol goedkeurder nodig');
    const started = await post('/admin/oefeningen', 'approver', {
      scenario_id: 'landelijke-storing-registra-brp',
      role_incident_manager: String(harness.userIds.approver),
      role_composer: String(harness.userIds.composer),
      role_approver: String(harness.userIds.approver),
    });
    expect(started.status).toBe(303);
    drillPath = started.headers.get('location')!.replace(/\?.*$/, '');
    expect(drillPath).toMatch(/^\/admin\/oefeningen\/\d+$/);
    const detail = await (await get(`${drillPath}?klaar=started`, 'composer')).text();
    expect(detail).toMatch(BANNER);
    expect(detail).toContain('De oefening is gestart.');
    expect(detail).toMatch(/<dt>Opsteller<\/dt><dd>Anouk de Vries<\/dd>/);
    // The composer takes part but does not lead: no inject or end buttons.
    expect(detail).not.toContain('value="inject"');
    expect(detail).not.toContain('value="end"');
  });

  it('inject a signal, record an observation, and show them on the timeline', async () => {
    expect((await post(drillPath, 'composer', { actie: 'inject', event: '0' })).status).toBe(403);
    expect((await post(drillPath, 'approver', { actie: 'inject', event: '0' })).status).toBe(303);
    const again = await post(drillPath, 'approver', { actie: 'inject', event: '0' });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('Deze melding is al ingebracht.');
    expect((await post(drillPath, 'composer', { actie: 'observe', observation: 'Incidentmanager belt de leverancier van het certificaat.' })).status).toBe(303);
    const page = await (await get(drillPath, 'approver')).text();
    expect(page).toContain('Melding ingebracht');
    expect(page).toContain('10:05 Meer gemeenten melden problemen');
    expect(page).toContain('Incidentmanager belt de leverancier van het certificaat.');
  });

  it('open the drill incident through the normal incident and compose screens of a live instance', async () => {
    const incidentId = (harness.db.prepare("SELECT subject_id FROM audit_log WHERE action = 'incident_opened' AND drill = 1 ORDER BY seq DESC LIMIT 1").get() as { subject_id: string }).subject_id;
    const detail = await get(`/admin/incidenten/${incidentId}`, 'composer');
    expect(detail.status).toBe(200);
    expect(await detail.text()).toMatch(BANNER);
    const compose = await (await get('/admin/berichten/nieuw', 'composer')).text();
    expect(compose).toContain(`value="incident:${incidentId}"`);
    expect(compose).toContain('OEFENING / DRILL: ');
    // The public catalogue of live incidents stays free of it.
    expect(harness.ctx.content.read().incidents.some((incident) => incident.id === incidentId)).toBe(false);
  });

  it('show each captured message per recipient, and serve only this drill\'s .eml files', async () => {
    const drillId = Number(drillPath.split('/').at(-1));
    const incidentId = (harness.db.prepare("SELECT subject_id FROM audit_log WHERE action = 'incident_opened' AND drill = 1 ORDER BY seq DESC LIMIT 1").get() as { subject_id: string }).subject_id;
    const incident = readIncidentFile(harness.drillContentDir, incidentId)!;
    const { anouk: composer, bram: approver } = harness.people;
    const content = harness.drill.content.read();
    const values = prefillFromIncident(checkedInTemplates().get('storing-gemeld'), incident, { site: content.site, components: content.components, municipalities: content.municipalities, guidance: content.guidance }, 'nl');
    const draft = createDraft(harness.drill, composer, {
      subject: { kind: 'incident', id: incident.id },
      template_id: 'storing-gemeld',
      values: { nl: { ...values, incident_url: `https://status.voorbeeldsoftware.nl/incidenten/${incident.id}/`, symptoms: 'Medewerkers kunnen niet inloggen in Registra BRP.' } },
      status: 'investigating',
      components: { 'registra-brp': 'major_outage' },
      next_update_at: new Date(harness.clock.now().getTime() + 30 * 60_000).toISOString(),
    });
    submitMessage(harness.drill, composer, { messageId: draft.id });
    // Approval wakes the harness's dispatcher itself; drain waits until it is done.
    await approveMessage(harness.drill, approver, { messageId: draft.id });
    await harness.app.startDispatcher().drain();

    const page = await (await get(drillPath, 'composer')).text();
    expect(page).toContain('3 vastgelegde berichten, één per ontvanger');
    for (const address of ['servicedesk@utrecht.nl', 'applicatiebeheer@amsterdam.nl', 'burgerzaken@eindhoven.nl']) expect(page).toContain(`<td>${address}</td>`);
    const links = [...page.matchAll(/href="(\/admin\/oefeningen\/\d+\/post\/(\d+))"/g)];
    expect(links).toHaveLength(3);
    const eml = await get(links[0]![1]!, 'composer');
    expect(eml.status).toBe(200);
    expect(eml.headers.get('content-type')).toBe('message/rfc822');
    expect(await eml.text()).toMatch(/^Subject: .*OEFENING \/ DRILL/m);
    // A mail id of this drill under another drill's address, or an unknown one: not found.
    expect((await get(`/admin/oefeningen/${drillId + 1}/post/${links[0]![2]}`, 'composer')).status).toBe(404);
    expect((await get(`${drillPath}/post/999999`, 'composer')).status).toBe(404);
  });

  it('save the evaluation, end the drill, and serve the printable report, the JSON export and the preview', async () => {
    expect((await post(drillPath, 'composer', { actie: 'notes', notes: 'Goed: snel een eerste bericht. Beter: Rotterdam direct meenemen.' })).status).toBe(303);
    expect((await post(drillPath, 'composer', { actie: 'end' })).status).toBe(403);
    // Ending cannot be undone: the first press only asks.
    const asked = await post(drillPath, 'approver', { actie: 'end' });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain(drillMessages('nl').detail.endConfirm);
    expect((await post(drillPath, 'approver', { actie: 'end', bevestig: 'ja' })).status).toBe(303);
    expect((await post(drillPath, 'approver', { actie: 'end', bevestig: 'ja' })).status).toBe(422);

    const report = await get(`${drillPath}/rapport`, 'admin');
    expect(report.status).toBe(200);
    const html = await report.text();
    expect(html).toMatch(BANNER);
    expect(html).toContain('Tijd tot eerste bericht');
    expect(html).toContain('≤ 15 min');
    expect(html).toContain('Goed: snel een eerste bericht. Beter: Rotterdam direct meenemen.');
    expect(html).toContain('href="/admin/oefeningen/oefening.css"');
    const css = await (await get('/admin/oefeningen/oefening.css', 'admin')).text();
    expect(css).toContain('@media print');

    const json = await get(`${drillPath}/rapport.json`, 'composer');
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const parsed = (await json.json()) as { format: string; complete: boolean; findings: Array<{ kind: string }>; notes: string };
    expect(parsed.format).toBe('helder.drill-report.v1');
    expect(parsed.complete).toBe(true);
    expect(parsed.findings.map((finding) => finding.kind)).toContain('scope_too_few');

    const preview = await (await get(`${drillPath}/voorbeeld`, 'composer')).text();
    expect(preview).toMatch(BANNER);
    expect(preview).toContain('Oefening: Registra BRP niet bereikbaar');
    expect(preview).toContain('drill-preview-item');

    const list = await (await get('/admin/oefeningen', 'composer')).text();
    expect(list).toContain('Landelijke storing Registra BRP');
    expect(list).toMatch(/<td class="number">1 van \d+<\/td>|<td class="number">\d+ van \d+<\/td>/);
  });

  it('answer 404 for an unknown drill and 403 for the scenario editor to a non-admin', async () => {
    expect((await get('/admin/oefeningen/987654', 'composer')).status).toBe(404);
    expect((await get('/admin/oefeningen/987654/rapport.json', 'composer')).status).toBe(404);
    expect((await get('/admin/oefeningen/scenario', 'approver')).status).toBe(403);
    const editor = await (await get('/admin/oefeningen/scenario', 'admin')).text();
    expect(editor).toContain('id: mijn-scenario');
    const saved = await post('/admin/oefeningen/scenario', 'admin', {
      yaml: editor.match(/<textarea[^>]*>([\s\S]*?)<\/textarea>/)![1]!.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&#34;', '"'),
    });
    expect(saved.status).toBe(303);
    const list = await (await get('/admin/oefeningen', 'approver')).text();
    expect(list).toContain('value="mijn-scenario"');
    const broken = await post('/admin/oefeningen/scenario', 'admin', { yaml: 'id: kapot\ntitle: Kapot\nsummary: x\nevents:\n  - after_minutes: -5\n    text: te vroeg\n' });
    expect(broken.status).toBe(422);
    // The problem is named by its line in the YAML the admin typed.
    expect(await broken.text()).toContain('Regel 5: Vul een getal in van minstens 0.');
  });
});
