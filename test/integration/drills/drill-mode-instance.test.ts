import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDrillReportFor } from '../../../src/admin/drills/build-drill-report.ts';
import { endDrill } from '../../../src/admin/drills/end-drill.ts';
import { startDrill } from '../../../src/admin/drills/start-drill.ts';
import { openIncident } from '../../../src/admin/incidents/open-incident.ts';
import { approveMessage } from '../../../src/admin/messages/approve-message.ts';
import { createDraft } from '../../../src/admin/messages/create-draft.ts';
import { submitMessage } from '../../../src/admin/messages/submit-message.ts';
import { readIncidentFile } from '../../../src/content/write-content.ts';
import { listCapturedMail } from '../../../src/mail/captured-mail.ts';
import { prefillFromIncident } from '../../../src/templates/index.ts';
import { openDrillTestbed, type DrillTestbed } from './drill-testbed.ts';

/** HELDER_MODE=drill: a whole training instance. Even a message composed as "live" never reaches the SMTP server. */
let bed: DrillTestbed;
beforeAll(async () => {
  bed = await openDrillTestbed({ mode: 'drill' });
});
afterAll(async () => {
  await bed?.close();
});

describe('an instance in drill mode, with a real SMTP server configured', () => {
  it('captures a message composed without the drill flag, opens incidents in the drill content, and reports the drill', async () => {
    const { fatima, sanne, pieter } = bed.people;
    const { drillId } = startDrill(bed.drillDeps, fatima.user, { scenario_id: 'lokale-storing-een-gemeente', roles: { composer: sanne.user.userId, approver: pieter.user.userId } });
    bed.clock.advance(4 * 60_000);
    // Someone opens an incident the ordinary way: the instance makes it a drill incident anyway.
    const opened = openIncident(bed.app.deps.content, sanne.user, {
      title: 'Registra BRP traag in Utrecht',
      impact: 'minor',
      components: { 'registra-brp': 'degraded_performance' },
      scope: { municipalities: ['GM0344'] },
      body: 'Uittreksels opvragen duurt lang.',
    });
    expect(opened.drill).toBe(true);
    expect(readIncidentFile(bed.app.config.contentDir, opened.id)).toBeNull();
    const content = bed.app.content();
    const incident = readIncidentFile(bed.app.drillContentDir, opened.id)!;
    const values = prefillFromIncident(bed.app.templates.get('storing-gemeld'), incident, { site: content.site, components: content.components, municipalities: content.municipalities, guidance: content.guidance }, 'nl');
    const draft = createDraft({ ...bed.app.deps.messages, instanceMode: 'drill' }, sanne.actor, {
      subject: { kind: 'incident', id: opened.id },
      template_id: 'storing-gemeld',
      values: { nl: { ...values, symptoms: 'Uittreksels opvragen duurt minuten in plaats van seconden.' } },
      status: 'investigating',
      components: { 'registra-brp': 'degraded_performance' },
      next_update_at: new Date(bed.clock.now().getTime() + 30 * 60_000).toISOString(),
      drill: false,
    });
    expect(draft.draft.drill).toBe(true);
    submitMessage(bed.app.deps.messages, sanne.actor, { messageId: draft.id });
    bed.clock.advance(3 * 60_000);
    await approveMessage(bed.app.deps.messages, pieter.actor, { messageId: draft.id });
    const dispatcher = bed.app.startDispatcher(() => {});
    await dispatcher.drain();
    expect(bed.sink.connections).toBe(0);
    expect(listCapturedMail(bed.app.db, { outboxMessageId: draft.id }).map((mail) => [mail.recipient, mail.reason])).toEqual([['servicedesk.burgerzaken@utrecht.example.nl', 'drill_mode']]);

    bed.clock.advance(10 * 60_000);
    endDrill(bed.drillDeps, fatima.user, { drill_id: drillId });
    const report = buildDrillReportFor(bed.drillDeps, fatima.user, { drillId });
    // The incident the team opened themselves is part of the drill, next to the scenario's own.
    expect(report.timeline.filter((event) => event.kind === 'incident_opened').map((event) => event.subject!.id)).toHaveLength(2);
    expect(report.firstCommunication.seconds).toBe(7 * 60);
    expect(report.findings.map((finding) => finding.kind)).toEqual(expect.arrayContaining(['role_missing', 'not_resolved']));
  });
});
