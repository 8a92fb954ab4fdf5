import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApprovalVoidedError } from '../../../src/domain/message-lifecycle.ts';
import type { Dispatcher } from '../../../src/mail/dispatcher.ts';
import { queryAudit } from '../../../src/store/audit-log.ts';
import { listDeliveries } from '../../../src/store/outbox-repository.ts';
import { addChannel } from '../../../src/use-cases/channels/add-channel.ts';
import { listChannels } from '../../../src/use-cases/channels/list-channels.ts';
import { removeChannel } from '../../../src/use-cases/channels/remove-channel.ts';
import { sendChannelTest } from '../../../src/use-cases/channels/send-channel-test.ts';
import { previewChannels } from '../../../src/use-cases/channels/preview-channels.ts';
import { previewMessage } from '../../../src/use-cases/messages/preview-message.ts';
import { requireMessage } from '../../../src/store/messages-repository.ts';
import { getSend } from '../../../src/use-cases/deliveries/get-send.ts';
import { approveMessage } from '../../../src/use-cases/messages/approve-message.ts';
import { createDraft } from '../../../src/use-cases/messages/create-draft.ts';
import { submitMessage } from '../../../src/use-cases/messages/submit-message.ts';
import type { UseCaseContext } from '../../../src/use-cases/context.ts';
import { DRILL_INCIDENT, MESSAGES_FIXTURE, incidentUpdateDraft } from '../../support/builders.ts';
import { refusalOf } from '../../support/refusals.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { startChannelReceivers, type ChannelReceivers } from './helpers/channel-receivers.ts';
import { HelderWebhookPayload, SlackWebhookMessage, TeamsWorkflowMessage } from './helpers/payload-schemas.ts';

let receivers: ChannelReceivers;
let t: TestApp;
let dispatcher: Dispatcher;

beforeAll(async () => {
  receivers = await startChannelReceivers();
});
afterAll(() => receivers.close());
beforeEach(async () => {
  receivers.received.length = 0;
  receivers.answers.clear();
  t = await createTestApp({ ...MESSAGES_FIXTURE, channelTimeoutMs: 1500 });
  dispatcher = t.app.startDispatcher(() => {});
});
afterEach(() => t.close());

/** Registers a destination as Cor (beheerder) does on the Kanalen screen. */
function register(kind: 'teams' | 'slack' | 'webhook', name: string, municipality: string | null, path: string, base = receivers.url) {
  return { ...addChannel(t.ctx, t.people.cor, { kind, name, municipality, url: `${base}${path}` }), path };
}

/** Anouk writes the update on the national Registra BRP outage, Bram approves it. */
async function approvedUpdate(ctx: UseCaseContext = t.ctx, drill = false): Promise<string> {
  const draft = createDraft(ctx, t.people.anouk, drill ? incidentUpdateDraft({ drill: true, subject: DRILL_INCIDENT }) : incidentUpdateDraft());
  submitMessage(ctx, t.people.anouk, { messageId: draft.id });
  await approveMessage(ctx, t.people.bram, { messageId: draft.id });
  return draft.id;
}

const channelRows = (messageId: string) => listDeliveries(t.db, messageId).filter((delivery) => delivery.channelId !== null);
const requestsTo = (path: string) => receivers.received.filter((request) => request.path === path);

describe('approved messages reach Teams, Slack and webhooks through the outbox', () => {
  it('posts an Adaptive Card, Block Kit and a signed webhook that match their schemas, once each', async () => {
    register('teams', 'Teams ICT Utrecht', 'GM0344', '/teams/utrecht');
    register('slack', 'Slack #storingen leverancier', null, '/slack/storingen');
    const webhook = register('webhook', 'Koppeling Amsterdam', 'GM0363', '/webhook/amsterdam');
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const messageId = await approvedUpdate();
    await dispatcher.drain();

    expect(channelRows(messageId).map((row) => [row.recipientName, row.status, row.lastReply])).toEqual([
      ['Teams ICT Utrecht', 'sent', 'HTTP 200 1'],
      ['Slack #storingen leverancier', 'sent', 'HTTP 200 1'],
      ['Koppeling Amsterdam', 'sent', 'HTTP 200 1'],
    ]);
    expect(receivers.received.map((request) => request.path).sort()).toEqual(['/slack/storingen', '/teams/utrecht', '/webhook/amsterdam']);

    const teams = TeamsWorkflowMessage.parse(JSON.parse(requestsTo('/teams/utrecht')[0]!.body));
    const card = teams.attachments[0]!.content;
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: expect.stringContaining('Registra BRP') });
    const facts = card.body.find((element) => element.type === 'FactSet')!;
    expect(facts.type === 'FactSet' && facts.facts.map((fact) => fact.title)).toEqual(['Status', 'Producten', 'Gemeenten', 'Volgende update']);
    expect(facts.type === 'FactSet' && facts.facts.map((fact) => fact.value)).toEqual([
      'Oorzaak gevonden',
      'Registra BRP (storing), Registra Reisdocumenten (gedeeltelijke storing)',
      '25 gemeenten',
      expect.stringMatching(/27 november 2026.*10:30/),
    ]);
    expect(card.body.map((element) => (element.type === 'TextBlock' ? element.text : ''))).toContain('Neem aanvragen voor reisdocumenten op met het papieren noodformulier.');
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Bekijk op de statuspagina', url: expect.stringMatching(/\/incidenten\/2026-11-27-registra-brp-landelijke-storing\/$/) }]);

    const slack = SlackWebhookMessage.parse(JSON.parse(requestsTo('/slack/storingen')[0]!.body));
    expect(slack.blocks.map((block) => block.type)).toEqual(['header', 'section', 'section', 'section', 'actions']);

    const [signed] = requestsTo('/webhook/amsterdam');
    // The receiver's clock is the app's (a fake clock in 2026): Standard Webhooks refuses stale timestamps.
    vi.useFakeTimers({ toFake: ['Date'], now: t.clock.now() });
    try {
      const verified = new Webhook(webhook.secret!).verify(signed!.body, signed!.headers);
      const payload = HelderWebhookPayload.parse(verified);
      expect(payload.type).toBe('incident.updated');
      expect(payload.data.incident!.affected_municipalities).toHaveLength(25);
      expect(payload.data.incident!.components).toEqual([
        { id: 'registra-brp', name: 'Registra BRP', status: 'major_outage' },
        { id: 'registra-reisdocumenten', name: 'Registra Reisdocumenten', status: 'partial_outage' },
      ]);
      expect(payload.data.incident!.incident_updates[0]).toMatchObject({ id: messageId, status: 'identified', next_update_at: '2026-11-27T09:30:00.000Z' });
      expect(() => new Webhook(webhook.secret!).verify(signed!.body.replace('identified', 'resolved'), signed!.headers)).toThrow();
    } finally {
      vi.useRealTimers();
    }
    expect(signed!.headers['webhook-id']).toMatch(/^msg_[A-Za-z0-9_-]{27}$/);
    // Teams and Slack get no signature headers (they would not check them, and they carry nothing secret).
    expect(requestsTo('/teams/utrecht')[0]!.headers['webhook-signature']).toBeUndefined();

    // Draining again sends nothing twice.
    await dispatcher.drain();
    expect(receivers.received).toHaveLength(3);
  });

  it('classifies answers: 429 waits for Retry-After, 500 and timeouts retry with backoff, 404 and a bad certificate fail', async () => {
    register('teams', 'Teams druk', 'GM0344', '/druk');
    register('slack', 'Slack kapot', 'GM0363', '/kapot');
    register('webhook', 'Koppeling traag', 'GM0599', '/traag');
    register('teams', 'Teams weg', 'GM0518', '/weg');
    register('webhook', 'Koppeling nep-certificaat', 'GM0014', '/nep', receivers.untrustedUrl);
    receivers.answers.set('/druk', { status: 429, headers: { 'retry-after': '120' }, body: 'Too Many Requests' });
    receivers.answers.set('/kapot', { status: 500, body: 'Internal Server Error' });
    receivers.answers.set('/traag', 'hang');
    receivers.answers.set('/weg', { status: 404, body: 'Not Found' });

    const messageId = await approvedUpdate();
    const approvedAt = t.clock.now().getTime();
    await dispatcher.drain();
    const rows = new Map(channelRows(messageId).map((row) => [row.recipientName, row]));
    const waitOf = (name: string) => (rows.get(name)!.nextAttemptAt!.getTime() - approvedAt) / 1000;
    expect(rows.get('Teams druk')).toMatchObject({ status: 'retrying', lastErrorCode: 'HTTP_429' });
    expect(waitOf('Teams druk')).toBe(120);
    expect(rows.get('Slack kapot')).toMatchObject({ status: 'retrying', lastErrorCode: 'HTTP_500' });
    expect(waitOf('Slack kapot')).toBe(60);
    expect(rows.get('Koppeling traag')).toMatchObject({ status: 'retrying', lastErrorCode: 'ETIMEDOUT' });
    expect(rows.get('Teams weg')).toMatchObject({ status: 'failed', lastErrorCode: 'HTTP_404', lastReply: 'HTTP 404 Not Found' });
    expect(rows.get('Koppeling nep-certificaat')).toMatchObject({ status: 'failed', lastErrorCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    // A request with an untrusted certificate never got as far as the receiver.
    expect(requestsTo('/nep')).toHaveLength(0);
    const firstIds = requestsTo('/traag').map((request) => request.headers['webhook-id']);

    // The receivers recover; at the next due time every retrying delivery goes out once.
    receivers.answers.clear();
    t.clock.set(new Date(approvedAt + 61_000));
    await dispatcher.drain();
    expect(new Map(channelRows(messageId).map((row) => [row.recipientName, row.status]))).toEqual(
      new Map([
        ['Teams druk', 'retrying'],
        ['Slack kapot', 'sent'],
        ['Koppeling traag', 'sent'],
        ['Teams weg', 'failed'],
        ['Koppeling nep-certificaat', 'failed'],
      ]),
    );
    t.clock.set(new Date(approvedAt + 121_000));
    await dispatcher.drain();
    expect(channelRows(messageId).find((row) => row.recipientName === 'Teams druk')!.status).toBe('sent');
    expect(requestsTo('/druk')).toHaveLength(2);
    // The retry of the webhook carries the same webhook-id: the receiver can drop a repeat.
    expect(requestsTo('/traag').map((request) => request.headers['webhook-id'])).toEqual([firstIds[0], firstIds[0]]);
  });

  it('a drill makes zero HTTP requests: its channel messages are captured and shown on the delivery page', async () => {
    register('teams', 'Teams ICT Utrecht', 'GM0344', '/teams/utrecht');
    register('webhook', 'Koppeling Amsterdam', 'GM0363', '/webhook/amsterdam');
    const messageId = await approvedUpdate(t.drill, true);
    await dispatcher.drain();
    expect(receivers.received).toEqual([]);
    expect(channelRows(messageId).map((row) => row.status)).toEqual(['sent', 'sent']);
    const send = getSend(t.drill, t.people.anouk, messageId)!;
    expect(send.channelCaptures.map((capture) => capture.kind)).toEqual(['teams', 'webhook']);
    const card = TeamsWorkflowMessage.parse(JSON.parse(send.channelCaptures[0]!.body));
    expect(card.attachments[0]!.content.body[0]).toMatchObject({ text: expect.stringMatching(/^OEFENING \/ DRILL – /) });
    expect(HelderWebhookPayload.parse(JSON.parse(send.channelCaptures[1]!.body)).data.meta.drill).toBe(true);
  });

  it('the test button sends one test message to that destination; URLs and secrets stay out of the screens and the audit log', async () => {
    const teams = register('teams', 'Teams ICT Utrecht', 'GM0344', '/teams/utrecht/workflows/abc123def456/triggers/manual/paths/invoke?sig=geheim');
    register('slack', 'Slack #storingen leverancier', null, '/slack/T000/B000/XXXXXXXX');
    const testId = sendChannelTest(t.ctx, t.people.cor, { id: teams.id });
    await dispatcher.drain();
    expect(receivers.received.map((request) => request.path)).toEqual([teams.path]);
    const card = TeamsWorkflowMessage.parse(JSON.parse(receivers.received[0]!.body));
    expect(card.attachments[0]!.content.body[0]).toMatchObject({ text: expect.stringMatching(/^TEST – /) });
    expect(getSend(t.ctx, t.people.cor, testId)!.deliveries.map((row) => [row.recipientName, row.channelKind, row.status])).toEqual([['Teams ICT Utrecht', 'teams', 'sent']]);

    const shown = listChannels(t.ctx, t.people.cor);
    expect(shown.map((channel) => channel.maskedUrl)).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/…XXXX$/), expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/…eim$|…heim$/)]);
    expect(JSON.stringify(shown)).not.toMatch(/sig=geheim|B000/);
    const audit = JSON.stringify(queryAudit(t.db, {}).entries);
    expect(audit).not.toMatch(/sig=geheim|B000|whsec_/);
    expect(queryAudit(t.db, { action: 'channel_test_sent' }).entries).toHaveLength(1);

    // Only the beheerder manages channels; a removed channel receives nothing more.
    expect(refusalOf(() => addChannel(t.ctx, t.people.anouk, { kind: 'slack', name: 'x', municipality: null, url: 'https://hooks.slack.com/services/T/B/C' })).code).toBe('forbidden');
    removeChannel(t.ctx, t.people.cor, { id: teams.id });
    receivers.received.length = 0;
    await approvedUpdate();
    await dispatcher.drain();
    expect(receivers.received.map((request) => request.path)).toEqual(['/slack/T000/B000/XXXXXXXX']);
  });

  it('the compose preview and the approval screen show every channel payload; after approval the frozen one', async () => {
    register('teams', 'Teams ICT Utrecht', 'GM0344', '/teams/utrecht');
    register('slack', 'Slack #storingen leverancier', null, '/slack/storingen');
    const preview = previewMessage(t.ctx, t.people.anouk, { draft: incidentUpdateDraft() });
    expect(preview.channels.map((channel) => [channel.name, channel.kind])).toEqual([
      ['Slack #storingen leverancier', 'slack'],
      ['Teams ICT Utrecht', 'teams'],
    ]);
    expect(SlackWebhookMessage.parse(JSON.parse(preview.channels[0]!.body)).text).toBe(preview.renderings.find((rendering) => rendering.lang === 'nl')!.subject);

    const messageId = await approvedUpdate();
    // A channel added after approval is not part of what was approved.
    register('webhook', 'Koppeling Amsterdam', 'GM0363', '/webhook/amsterdam');
    const message = requireMessage(t.db, messageId);
    const approved = previewChannels(t.ctx, t.people.bram, message, { subject: 'genegeerd', statusPageMarkdown: 'genegeerd' });
    expect(approved.map((channel) => channel.name)).toEqual(['Teams ICT Utrecht', 'Slack #storingen leverancier']);
    expect(approved[0]!.body).toContain(preview.renderings.find((rendering) => rendering.lang === 'nl')!.subject);
    expect(approved[0]!.body).not.toContain('genegeerd');
  });

  it('a message approved while there were no channels shows none afterwards, even when channels are added later', async () => {
    const messageId = await approvedUpdate();
    register('slack', 'Slack #storingen leverancier', null, '/slack/storingen');
    expect(previewChannels(t.ctx, t.people.bram, requireMessage(t.db, messageId), { subject: 'x', statusPageMarkdown: 'x' })).toEqual([]);
    await dispatcher.drain();
    expect(receivers.received).toEqual([]);
  });

  it('the approval binds the destinations: a channel added after submit voids it, naming "channels"', async () => {
    register('teams', 'Teams ICT Utrecht', 'GM0344', '/teams/utrecht');
    const draft = createDraft(t.ctx, t.people.anouk, incidentUpdateDraft());
    submitMessage(t.ctx, t.people.anouk, { messageId: draft.id });
    register('slack', 'Slack #storingen leverancier', null, '/slack/storingen');
    const voided = await approveMessage(t.ctx, t.people.bram, { messageId: draft.id }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(voided).toBeInstanceOf(ApprovalVoidedError);
    expect((voided as ApprovalVoidedError).changed).toEqual(['channels']);
    await dispatcher.drain();
    expect(receivers.received).toEqual([]);
  });

  it('refuses addresses that are not https (except loopback), carry a password, or a municipality that does not exist', () => {
    const refused = (url: string, municipality: string | null = null) =>
      refusalOf(() => addChannel(t.ctx, t.people.cor, { kind: 'teams', name: 'Teams', municipality, url })).problems.map((problem) => [problem.field, problem.code]);
    expect(refused('http://hooks.example.nl/teams')).toEqual([['url', 'invalid_url']]);
    expect(refused('https://gebruiker:wachtwoord@hooks.example.nl/teams')).toEqual([['url', 'no_credentials_in_url']]);
    expect(refused('https://prod-12.westeurope.logic.azure.com/workflows/1', 'GM9999')).toEqual([['municipality', 'unknown_municipality']]);
  });

  it('after a crash mid-send a channel delivery is unknown, never re-sent by itself, whatever the unknown policy', async () => {
    await t.close();
    t = await createTestApp({ ...MESSAGES_FIXTURE, env: { DELIVERY_UNKNOWN_POLICY: 'retry_once' } });
    register('slack', 'Slack #storingen leverancier', null, '/slack/storingen');
    const messageId = await approvedUpdate();
    // The dispatcher claimed the row and died before the answer was recorded.
    t.db.prepare("UPDATE outbox_deliveries SET status = 'sending', attempts = 1, claimed_by = 'dispatcher-dood' WHERE channel_id IS NOT NULL").run();
    dispatcher = t.app.startDispatcher(() => {});
    expect(dispatcher.recovered).toBe(1);
    t.clock.advance(10 * 60_000);
    await dispatcher.drain();
    expect(channelRows(messageId).map((row) => [row.status, row.lastErrorCode])).toEqual([['unknown', 'INTERRUPTED']]);
    expect(requestsTo('/slack/storingen')).toHaveLength(0);
  });
});
