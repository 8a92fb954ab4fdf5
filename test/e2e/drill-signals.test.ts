import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIncidentFile } from '../../src/content/write-content.ts';
import { drillMessages } from '../../src/i18n/drill-messages.ts';
import { prefillFromIncident } from '../../src/templates/index.ts';
import { approveMessage } from '../../src/use-cases/messages/approve-message.ts';
import { createDraft } from '../../src/use-cases/messages/create-draft.ts';
import { submitMessage } from '../../src/use-cases/messages/submit-message.ts';
import { checkedInTemplates } from '../support/test-app.ts';
import { postForm, signInOverHttp, startAdmin, type AdminHarness, type Person } from '../integration/admin/admin-harness.ts';

/**
 * A drill that starts the way real outages start, end to end on a started LIVE instance (the real
 * server, the full build, the scheduler `npm start` runs): the leader starts
 * drills/meldingen-registra-reisdocumenten.yaml at ten times real speed, nothing is opened, the
 * scenario's customer signals arrive by themselves, the spike rule raises a drill alert on the
 * dashboard, a composer opens the incident from it, a message is approved, and the report shows
 * the times from the first signal to the alert, the incident and the approved message.
 */
const SECOND = 1_000;
let harness: AdminHarness;
const cookies = {} as Record<Person, string>;

beforeAll(async () => {
  harness = await startAdmin();
  for (const person of ['composer', 'approver'] as const) cookies[person] = await signInOverHttp(harness, person);
}, 600_000);
afterAll(async () => {
  await harness?.close();
});

async function page(path: string, person: Person): Promise<string> {
  const response = await fetch(`${harness.origin}${path}`, { redirect: 'manual', headers: { Cookie: cookies[person] } });
  expect(response.status, path).toBe(200);
  return response.text();
}

/** The scheduler the admin process starts; its tick brings in what is due by the harness clock. */
const deliverDue = () => harness.app.startDrillSignals(() => {}).tick();

describe('a drill with timed signals, from the first call to the report', () => {
  let drillPath = '';
  let incidentId = '';

  it('starts unannounced: nothing opened, no alert, until the signals come in', async () => {
    const started = await postForm(harness, cookies.approver, '/admin/oefeningen', {
      scenario_id: 'meldingen-registra-reisdocumenten',
      role_incident_manager: String(harness.userIds.approver),
      role_composer: String(harness.userIds.composer),
      role_approver: String(harness.userIds.approver),
      signal_speed: '10',
    });
    expect(started.status).toBe(303);
    drillPath = started.headers.get('location')!.split('?')[0]!;
    expect(drillPath).toMatch(/^\/admin\/oefeningen\/\d+$/);
    expect(await page(drillPath, 'composer')).toContain('Nog geen meldingen binnengekomen.');
    expect(await page('/admin', 'composer')).not.toContain('Oefening: waarschuwingen uit meldingen');
  });

  it('brings in the first call at +2 minutes (12 seconds at ten times the speed), then the rest, and raises a drill alert on the dashboard', async () => {
    harness.clock.advance(12 * SECOND);
    expect(deliverDue().map((entry) => entry.index)).toEqual([0]);
    expect(await page(drillPath, 'composer')).toContain('Balie Burgerzaken Utrecht belt.');
    harness.clock.advance(18 * SECOND);
    deliverDue();
    const dashboard = await page('/admin', 'composer');
    expect(dashboard).toContain('Oefening: waarschuwingen uit meldingen');
    expect(dashboard).toContain('Mogelijk landelijke storing: Registra Reisdocumenten');
    // Live work: no live alert, no live signal.
    expect(dashboard.match(/Mogelijk landelijke storing: Registra Reisdocumenten/g)).toHaveLength(1);
    expect(harness.db.prepare('SELECT count(*) AS n FROM signals WHERE drill = 0').get()).toEqual({ n: 0 });
  });

  it('a composer opens the incident from the drill alert; it is a drill incident', async () => {
    const alertId = (harness.db.prepare("SELECT id FROM signal_alerts WHERE drill = 1 AND closed_at IS NULL").get() as { id: number }).id;
    const alertPage = await page(`/admin/meldingen/waarschuwing/${alertId}`, 'composer');
    expect(alertPage).toContain('OEFENING / DRILL');
    harness.clock.advance(40 * SECOND);
    const opened = await postForm(harness, cookies.composer, `/admin/meldingen/waarschuwing/${alertId}`, {
      actie: 'incident',
      title_nl: 'Storing Registra Reisdocumenten',
      impact: 'major',
      'product_registra-reisdocumenten': 'major_outage',
      scope: 'all',
      status: 'investigating',
      body_nl: 'Vier gemeenten melden dat aanvragen voor reisdocumenten niet worden verzonden. We onderzoeken de oorzaak.',
    });
    expect(opened.status).toBe(303);
    incidentId = opened.headers.get('location')!.split('/').at(-1)!.split('?')[0]!;
    expect(readIncidentFile(harness.drillContentDir, incidentId)).not.toBeNull();
    expect(existsSync(join(harness.ctx.content.dir, 'incidents', `${incidentId}.md`))).toBe(false);
  });

  it('the first message is approved, and the report shows the times from the first signal', async () => {
    harness.clock.advance(60 * SECOND);
    const incident = readIncidentFile(harness.drillContentDir, incidentId)!;
    const content = harness.drill.content.read();
    const template = checkedInTemplates().get('storing-gemeld');
    const values = prefillFromIncident(template, incident, { site: content.site, components: content.components, municipalities: content.municipalities, guidance: content.guidance }, 'nl');
    const { anouk: composer, bram: approver } = harness.people;
    const draft = createDraft(harness.drill, composer, {
      subject: { kind: 'incident', id: incidentId },
      template_id: 'storing-gemeld',
      // The harness site URL is http on loopback; messages link to the status page over https only.
      values: { nl: { ...values, incident_url: `https://status.voorbeeldsoftware.nl/incidenten/${incidentId}/`, symptoms: 'Aanvragen voor paspoorten en ID-kaarten worden niet verzonden.' } },
      status: 'investigating',
      components: { 'registra-reisdocumenten': 'major_outage' },
      next_update_at: new Date(harness.clock.now().getTime() + 30 * 60_000).toISOString(),
    });
    submitMessage(harness.drill, composer, { messageId: draft.id });
    harness.clock.advance(30 * SECOND);
    await approveMessage(harness.drill, approver, { messageId: draft.id });

    const report = await page(`${drillPath}/rapport`, 'approver');
    expect(report).toContain('Van eerste melding tot actie');
    const rows = Object.fromEntries(
      [...report.matchAll(/<tr><th scope="row">([^<]+)<\/th><td class="number">([^<]+)<\/td><td>([^<]+)<\/td><\/tr>/g)].map((match) => [match[1], match[2]]),
    );
    const json = JSON.parse(await page(`${drillPath}/rapport.json`, 'approver')) as { signalResponse: Record<'alert' | 'incidentOpened' | 'messageApproved', { seconds: number }> };
    const { alert, incidentOpened, messageApproved } = json.signalResponse;
    // First call at +12 s; the alert with the fourth call at +30 s; the incident 40 s and the
    // approval 90 s after that (the harness clock also runs with real time, hence the margins).
    expect(alert.seconds).toBeGreaterThanOrEqual(18);
    expect(alert.seconds).toBeLessThan(18 + 10);
    expect(incidentOpened.seconds - alert.seconds).toBeGreaterThanOrEqual(40);
    expect(incidentOpened.seconds - alert.seconds).toBeLessThan(40 + 10);
    expect(messageApproved.seconds - incidentOpened.seconds).toBeGreaterThanOrEqual(90);
    expect(messageApproved.seconds - incidentOpened.seconds).toBeLessThan(90 + 10);
    // The printable report says the same, in the reader's words.
    const d = drillMessages('nl');
    expect(rows[d.report.toAlert]).toBe(d.duration(alert.seconds));
    expect(rows[d.report.toIncident]).toBe(d.duration(incidentOpened.seconds));
    expect(rows[d.report.toApproval]).toBe(d.duration(messageApproved.seconds));
  });
});
