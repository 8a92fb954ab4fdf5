import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIncidentFile } from '../../../../src/content/write-content.ts';
import { listCapturedMail } from '../../../../src/mail/captured-mail.ts';
import { prefillFromIncident } from '../../../../src/templates/index.ts';
import { buildDrillReportFor } from '../../../../src/use-cases/drills/build-drill-report.ts';
import { endDrill } from '../../../../src/use-cases/drills/end-drill.ts';
import { startDrill } from '../../../../src/use-cases/drills/start-drill.ts';
import { openIncident } from '../../../../src/use-cases/incidents/open-incident.ts';
import { approveMessage } from '../../../../src/use-cases/messages/approve-message.ts';
import { createDraft } from '../../../../src/use-cases/messages/create-draft.ts';
import { submitMessage } from '../../../../src/use-cases/messages/submit-message.ts';
import { DRILL_CONTACTS } from '../../../support/builders.ts';
import { checkedInTemplates, createTestApp, smtpEnv, type TestApp } from '../../../support/test-app.ts';
import { startSmtpSink, type SmtpSink } from '../../mail/helpers/smtp-sink.ts';

/** HELDER_MODE=drill: a whole training instance. Even a message composed as "live" never reaches the SMTP server. */
let t: TestApp;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestApp({
    start: new Date(Math.floor(Date.now() / 60_000) * 60_000),
    contacts: DRILL_CONTACTS,
    env: { HELDER_MODE: 'drill', HELDER_SITE_URL: 'https://status.voorbeeldsoftware.nl', ...smtpEnv(sink.url) },
  });
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

describe('an instance in drill mode, with a real SMTP server configured', () => {
  it('captures a message composed without the drill flag, opens incidents in the drill content, and reports the drill', async () => {
    const { fatima, sanne, bram } = t.people;
    // The everyday context of a training instance is the drill context itself.
    expect(t.ctx).toBe(t.drill);
    expect(t.app.contexts).toEqual([t.drill]);
    const { drillId } = startDrill(t.drill, fatima, { scenario_id: 'lokale-storing-een-gemeente', roles: { composer: sanne.userId, approver: bram.userId } });
    t.clock.advance(4 * 60_000);
    // Someone opens an incident the ordinary way: the instance makes it a drill incident anyway.
    const opened = openIncident(t.ctx, sanne, {
      title: 'Registra BRP traag in Utrecht',
      impact: 'minor',
      components: { 'registra-brp': 'degraded_performance' },
      scope: { municipalities: ['GM0344'] },
      body: 'Uittreksels opvragen duurt lang.',
    });
    expect(opened.drill).toBe(true);
    expect(readIncidentFile(t.contentDir, opened.id)).toBeNull();
    const content = t.ctx.content.read();
    const incident = readIncidentFile(t.drillContentDir, opened.id)!;
    const values = prefillFromIncident(checkedInTemplates().get('storing-gemeld'), incident, { site: content.site, components: content.components, municipalities: content.municipalities, guidance: content.guidance }, 'nl');
    const draft = createDraft(t.ctx, sanne, {
      subject: { kind: 'incident', id: opened.id },
      template_id: 'storing-gemeld',
      values: { nl: { ...values, symptoms: 'Uittreksels opvragen duurt minuten in plaats van seconden.' } },
      status: 'investigating',
      components: { 'registra-brp': 'degraded_performance' },
      next_update_at: new Date(t.clock.now().getTime() + 30 * 60_000).toISOString(),
      drill: false,
    });
    expect(draft.draft.drill).toBe(true);
    submitMessage(t.ctx, sanne, { messageId: draft.id });
    t.clock.advance(3 * 60_000);
    await approveMessage(t.ctx, bram, { messageId: draft.id });
    await t.app.startDispatcher(() => {}).drain();
    expect(sink.connections).toBe(0);
    expect(listCapturedMail(t.db, { outboxMessageId: draft.id }).map((mail) => [mail.recipient, mail.reason])).toEqual([['servicedesk.burgerzaken@utrecht.example.nl', 'drill_mode']]);

    t.clock.advance(10 * 60_000);
    endDrill(t.drill, fatima, { drill_id: drillId });
    const report = buildDrillReportFor(t.drill, fatima, { drillId });
    // The incident the team opened themselves is part of the drill, next to the scenario's own.
    expect(report.timeline.filter((event) => event.kind === 'incident_opened').map((event) => event.subject!.id)).toHaveLength(2);
    expect(report.firstCommunication.seconds).toBe(7 * 60);
    expect(report.findings.map((finding) => finding.kind)).toEqual(expect.arrayContaining(['role_missing', 'not_resolved']));
  });
});
