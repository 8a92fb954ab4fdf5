import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft } from '../../../src/use-cases/messages/create-draft.ts';
import { incidentUpdateDraft } from '../../support/builders.ts';
import { startChannelReceivers, type ChannelReceivers } from '../channels/helpers/channel-receivers.ts';
import { postForm, signInOverHttp, startAdmin, type AdminHarness } from './admin-harness.ts';

let harness: AdminHarness;
let receivers: ChannelReceivers;
let cookie: string;

beforeAll(async () => {
  [harness, receivers] = await Promise.all([startAdmin(), startChannelReceivers()]);
  cookie = await signInOverHttp(harness, 'admin');
}, 300_000);
afterAll(async () => {
  await harness?.close();
  await receivers?.close();
});

const page = async (path: string, who = cookie) => fetch(`${harness.origin}${path}`, { headers: { cookie: who }, redirect: 'manual' });
const SECRET_PATH = '/workflows/4f2a9c/triggers/manual/paths/invoke?sig=Zr8geheim';

describe('Beheer → Kanalen over HTTP', () => {
  it('the beheerder adds a Teams channel and a webhook, sees only masked addresses, the secret once, and tests a channel', async () => {
    const added = await postForm(harness, cookie, '/admin/kanalen', { actie: 'toevoegen', soort: 'teams', naam: 'Teams ICT Utrecht', gemeente: 'GM0344', adres: `${receivers.url}${SECRET_PATH}` });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/admin/kanalen?gedaan=channel_added');
    const list = await (await page('/admin/kanalen?gedaan=channel_added')).text();
    expect(list).toContain('Het kanaal is toegevoegd.');
    expect(list).toContain('Teams ICT Utrecht');
    expect(list).toMatch(/http:\/\/127\.0\.0\.1:\d+\/…heim/);
    expect(list).not.toContain('sig=Zr8geheim');

    const webhook = await postForm(harness, cookie, '/admin/kanalen', { actie: 'toevoegen', soort: 'webhook', naam: 'Koppeling Amsterdam', gemeente: 'GM0363', adres: `${receivers.url}/helder` });
    expect(webhook.status).toBe(200);
    const shown = await webhook.text();
    expect(shown).toMatch(/<code id="webhook-geheim">whsec_[A-Za-z0-9+/]{43}=<\/code>/);
    expect(await (await page('/admin/kanalen')).text()).not.toContain('whsec_');

    const refused = await postForm(harness, cookie, '/admin/kanalen', { actie: 'toevoegen', soort: 'slack', naam: 'Slack', gemeente: '', adres: 'http://hooks.slack.example/services/T/B/C' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Vul een volledig webadres in dat begint met https://.');

    const id = /name="kanaal" value="(\d+)"/.exec(list)![1]!;
    const tested = await postForm(harness, cookie, '/admin/kanalen', { actie: 'test', kanaal: id });
    expect(tested.status).toBe(303);
    const follow = tested.headers.get('location')!;
    expect(follow).toMatch(/^\/admin\/berichten\/test-[0-9a-f-]+\/verzending\?gedaan=channel_test_sent$/);
    await expect.poll(() => receivers.received.length, { timeout: 10_000 }).toBe(1);
    expect(receivers.received[0]!.path).toBe(SECRET_PATH);
    const deliveries = await (await page(follow)).text();
    expect(deliveries).toContain('Kanaal: Microsoft Teams');
    expect(deliveries).not.toContain('sig=Zr8geheim');

    // Only the beheerder manages channels.
    expect((await page('/admin/kanalen', await signInOverHttp(harness, 'composer'))).status).toBe(403);
  });

  it('the compose and message pages preview what every channel will receive', async () => {
    const composer = await signInOverHttp(harness, 'composer');
    const draft = createDraft(harness.ctx, harness.people.anouk, incidentUpdateDraft());
    const compose = await (await page(`/admin/berichten/${draft.id}/bewerken`, composer)).text();
    expect(compose).toContain('Voorbeeld in de kanalen');
    expect(compose).toContain('Koppeling Amsterdam · Wat Webhook ontvangt (JSON)');
    const html = await (await page(`/admin/berichten/${draft.id}`, composer)).text();
    expect(html).toContain('Voorbeeld in de kanalen');
    expect(html).toContain('Dit bericht gaat ook naar 2 kanalen.');
    expect(html).toContain('Teams ICT Utrecht · Wat Microsoft Teams ontvangt (JSON)');
    expect(html).toContain('&quot;AdaptiveCard&quot;');
  });
});
