import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIncidentFile } from '../../../../src/content/write-content.ts';
import type { Incident } from '../../../../src/domain/index.ts';
import { SelfApprovalError, type MessageDraftInput } from '../../../../src/domain/message-lifecycle.ts';
import { listCapturedMail, readCapturedMailFile } from '../../../../src/mail/captured-mail.ts';
import { listDeliveries } from '../../../../src/store/outbox-repository.ts';
import { prefillFromIncident } from '../../../../src/templates/index.ts';
import type { UseCaseContext } from '../../../../src/use-cases/context.ts';
import { buildDrillPreview } from '../../../../src/use-cases/drills/build-drill-preview.ts';
import { buildDrillReportFor, drillReportJson } from '../../../../src/use-cases/drills/build-drill-report.ts';
import { endDrill } from '../../../../src/use-cases/drills/end-drill.ts';
import { getDrill } from '../../../../src/use-cases/drills/get-drill.ts';
import { injectScenarioEvent } from '../../../../src/use-cases/drills/inject-scenario-event.ts';
import { listDrillsWithTrend } from '../../../../src/use-cases/drills/list-drills.ts';
import { saveEvaluationNotes } from '../../../../src/use-cases/drills/save-evaluation-notes.ts';
import { startDrill } from '../../../../src/use-cases/drills/start-drill.ts';
import { openIncident } from '../../../../src/use-cases/incidents/open-incident.ts';
import { approveMessage } from '../../../../src/use-cases/messages/approve-message.ts';
import { createDraft } from '../../../../src/use-cases/messages/create-draft.ts';
import { rejectMessage } from '../../../../src/use-cases/messages/reject-message.ts';
import { returnToDraft } from '../../../../src/use-cases/messages/return-to-draft.ts';
import { submitMessage } from '../../../../src/use-cases/messages/submit-message.ts';
import { DRILL_CONTACTS } from '../../../support/builders.ts';
import { refusalOf } from '../../../support/refusals.ts';
import { checkedInTemplates, createTestApp, smtpEnv, type TestApp } from '../../../support/test-app.ts';
import { startSmtpSink, type SmtpSink } from '../../mail/helpers/smtp-sink.ts';

const MINUTE = 60_000;
let t: TestApp;
let sink: SmtpSink;

/**
 * A whole Helder whose LIVE mail goes to a real smtp-server on 127.0.0.1 (SMTP_URL), with the real
 * publisher (Astro builds into <data>/site). Fatima leads drills (admin + approver), Sanne composes,
 * Bram approves.
 */
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestApp({
    // Near the real now: the publisher builds with the real clock, and content must not lie far in its future.
    start: new Date(Math.floor(Date.now() / 60_000) * 60_000),
    publisher: 'real',
    contacts: DRILL_CONTACTS,
    env: { HELDER_SITE_URL: 'https://status.voorbeeldsoftware.nl', ...smtpEnv(sink.url) },
  });
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

/** A first message from the real "storing-gemeld" template, prefilled from the incident as the compose screen does. */
function firstMessage(ctx: UseCaseContext, incident: Incident): MessageDraftInput {
  const content = ctx.content.read();
  const context = { site: content.site, components: content.components, municipalities: content.municipalities, guidance: content.guidance };
  const template = checkedInTemplates().get('storing-gemeld');
  return {
    subject: { kind: 'incident', id: incident.id },
    template_id: 'storing-gemeld',
    values: {
      nl: { ...prefillFromIncident(template, incident, context, 'nl'), symptoms: 'Medewerkers van Burgerzaken kunnen niet inloggen in Registra BRP.' },
      en: { ...prefillFromIncident(template, incident, context, 'en'), symptoms: 'Civil-affairs staff cannot log in to Registra BRP.' },
    },
    status: 'investigating',
    components: { 'registra-brp': 'major_outage' },
    next_update_at: new Date(t.clock.now().getTime() + 30 * MINUTE).toISOString(),
  };
}

async function drainMail(): Promise<void> {
  // The app's one dispatcher (started once, as the server starts it).
  await t.app.startDispatcher(() => {}).drain();
}

/** Every file of a directory tree with its content as text. */
function filesUnder(dir: string): Array<{ path: string; text: string }> {
  const files: Array<{ path: string; text: string }> = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push({ path: relative(dir, path), text: readFileSync(path).toString('latin1') });
    }
  };
  walk(dir);
  return files;
}

describe('a drill with a real SMTP server configured as the live server', () => {
  let drillId: number;
  let drillIncident: Incident;
  let drillMessageId: string;

  it('starts from the shipped national Registra BRP scenario, opening its incident in the drill content only', () => {
    const { fatima, sanne, bram } = t.people;
    const started = startDrill(t.drill, fatima, {
      scenario_id: 'landelijke-storing-registra-brp',
      roles: { incident_manager: fatima.userId, composer: sanne.userId, approver: bram.userId },
    });
    drillId = started.drillId;
    expect(started.opened).toHaveLength(1);
    const opened = started.opened[0]!;
    expect(readIncidentFile(t.contentDir, opened.id)).toBeNull();
    drillIncident = readIncidentFile(t.drillContentDir, opened.id)!;
    expect(drillIncident.drill).toBe(true);
    expect(drillIncident.scope).toEqual({ municipalities: ['GM0344', 'GM0772', 'GM0363'] });
    expect(refusalOf(() => startDrill(t.drill, fatima, { scenario_id: 'lokale-storing-een-gemeente' })).code).toBe('drill_running');
  });

  it('runs compose → submit → reject → resubmit → approve by a colleague → "send", and the server gets zero connections', async () => {
    const { fatima, sanne, bram } = t.people;
    t.clock.advance(5 * MINUTE);
    injectScenarioEvent(t.drill, fatima, { drill_id: drillId, event: 0 });
    t.clock.advance(2 * MINUTE);
    const draft = createDraft(t.drill, sanne, firstMessage(t.drill, drillIncident));
    drillMessageId = draft.id;
    expect(draft.draft.drill).toBe(true);
    t.clock.advance(3 * MINUTE);
    submitMessage(t.drill, sanne, { messageId: draft.id });
    t.clock.advance(1 * MINUTE);
    rejectMessage(t.drill, bram, { messageId: draft.id, reason: 'Noem de omweg met het papieren noodformulier.' });
    returnToDraft(t.drill, sanne, { messageId: draft.id });
    t.clock.advance(2 * MINUTE);
    submitMessage(t.drill, sanne, { messageId: draft.id });
    await expect(approveMessage(t.drill, sanne, { messageId: draft.id })).rejects.toMatchObject({ code: 'role_required', params: { action: 'approve' } });
    await expect(approveMessage(t.drill, { ...sanne, roles: ['composer', 'approver'] }, { messageId: draft.id })).rejects.toBeInstanceOf(SelfApprovalError);
    t.clock.advance(2 * MINUTE);
    const approval = await approveMessage(t.drill, bram, { messageId: draft.id });
    expect(approval.recipients).toBe(3);
    expect(approval.publication.state).toBe('published');

    await drainMail();
    expect(sink.connections).toBe(0);
    expect(sink.received).toEqual([]);
    expect(listDeliveries(t.db, draft.id).map((delivery) => delivery.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('keeps the exact MIME message each recipient would have received, marked OEFENING / DRILL, viewable per recipient', async () => {
    const detail = getDrill(t.drill, t.people.sanne, { drillId });
    const message = detail.messages.find((entry) => entry.id === drillMessageId)!;
    expect(message.captured.map((mail) => mail.recipient).sort()).toEqual([
      'applicatiebeheer@amsterdam.example.nl',
      'burgerzaken@eindhoven.example.nl',
      'servicedesk.burgerzaken@utrecht.example.nl',
    ]);
    for (const mail of message.captured) {
      const parsed = await simpleParser(readCapturedMailFile(t.db, t.dataDir, mail.id)!);
      expect(parsed.subject).toMatch(/^\[?OEFENING \/ DRILL/);
      expect(parsed.to && 'text' in parsed.to ? parsed.to.text : '').toContain(mail.recipient);
      expect(parsed.text?.trimStart().slice(0, 80)).toMatch(/OEFENING|DRILL/);
    }
    // The status-page text went to the drill incident, not to content/.
    expect(readIncidentFile(t.drillContentDir, drillIncident.id)!.updates).toHaveLength(2);
  });

  it('reports the timeline, the durations against the targets and what went wrong', () => {
    const { fatima } = t.people;
    // The first message promised its next update 30 minutes after it was drafted (7 minutes in); end at 40.
    t.clock.advance(25 * MINUTE);
    saveEvaluationNotes(t.drill, t.people.sanne, { drill_id: drillId, notes: 'Goed: snel een incidentmanager. Beter: omweg meteen in het eerste bericht.' });
    endDrill(t.drill, fatima, { drill_id: drillId });
    const report = buildDrillReportFor(t.drill, fatima, { drillId });
    expect(report.complete).toBe(true);
    expect(report.timeline.map((event) => event.kind)).toEqual([
      'drill_started',
      'role_assigned',
      'role_assigned',
      'role_assigned',
      'incident_opened',
      'scenario_event',
      'message_drafted',
      'message_submitted',
      'message_rejected',
      'message_returned',
      'message_submitted',
      'message_approved',
      'message_sent',
      'incident_updated',
      'message_published',
      'notes_saved',
      'drill_ended',
    ]);
    expect(report.firstCommunication).toMatchObject({ seconds: 15 * 60, targetSeconds: 15 * 60, met: true });
    expect(report.approval.worst).toEqual({ seconds: 5 * 60, targetSeconds: 10 * 60, met: true });
    // The scenario says the outage is national: Rotterdam (with a contact) was left out; the promised update never came.
    expect(report.findings.map((finding) => [finding.kind, finding.municipalities ?? null])).toEqual(
      expect.arrayContaining([
        ['rejection', null],
        ['scope_too_few', ['GM0599']],
        ['update_overdue', null],
        ['no_contacts', expect.arrayContaining(['GM0014', 'GM0518'])],
        ['not_resolved', null],
      ]),
    );
    expect(report.notes).toBe('Goed: snel een incidentmanager. Beter: omweg meteen in het eerste bericht.');
    const json = JSON.parse(drillReportJson(report)) as { format: string; startedAt: string; findings: unknown[] };
    expect(json.format).toBe('helder.drill-report.v1');
    expect(json.startedAt).toBe(report.startedAt.toISOString());
    expect(listDrillsWithTrend(t.drill, fatima).map((entry) => [entry.drillId, entry.complete])).toEqual([[drillId, true]]);
  });

  it('previews the public page with the drill incident, inside the admin only', () => {
    const preview = buildDrillPreview(t.drill, t.people.sanne, { drillId });
    expect([...preview.drillIncidentIds]).toEqual([drillIncident.id]);
    expect(preview.model.incidents.some((entry) => entry.incident.id === drillIncident.id)).toBe(true);
  });

  it('the same flow outside a drill delivers over SMTP', async () => {
    const { sanne, bram } = t.people;
    const live = openIncident(t.ctx, sanne, {
      title: { nl: 'Registra BRP traag bij het opvragen van uittreksels', en: 'Registra BRP slow when requesting extracts' },
      impact: 'minor',
      components: { 'registra-brp': 'degraded_performance' },
      scope: { municipalities: ['GM0344', 'GM0599'] },
      body: 'Het opvragen van uittreksels duurt langer dan normaal. We onderzoeken de oorzaak.',
    });
    expect(live.drill).toBe(false);
    const draft = createDraft(t.ctx, sanne, firstMessage(t.ctx, live.incident));
    submitMessage(t.ctx, sanne, { messageId: draft.id });
    // The approvers are told over SMTP that it waits (a live internal mail); the message itself comes after.
    await drainMail();
    const told = sink.received.length;
    expect(told).toBeGreaterThan(0);
    t.clock.advance(MINUTE);
    await approveMessage(t.ctx, bram, { messageId: draft.id });
    await drainMail();
    expect(sink.received.slice(told).flatMap((message) => message.envelopeTo).sort()).toEqual(['functioneelbeheer@rotterdam.example.nl', 'servicedesk.burgerzaken@utrecht.example.nl']);
    expect(listCapturedMail(t.db, { outboxMessageId: draft.id })).toEqual([]);
  });

  it('leaves no trace of the drill in the public build: pages, feeds, API and sitemap', async () => {
    const outcome = await t.app.publisher.requestPublish('test: publish after the drill');
    expect(outcome.status).toBe('succeeded');
    const site = join(t.dataDir, 'site', 'current');
    const files = filesUnder(site);
    const kinds = (pattern: RegExp) => files.filter((file) => pattern.test(file.path));
    expect(kinds(/\.html$/).length).toBeGreaterThan(10);
    expect(kinds(/\.(xml|atom|ics)$/).length).toBeGreaterThan(0);
    expect(kinds(/^api\/.*\.json$/).length).toBeGreaterThan(0);
    expect(kinds(/sitemap/).length).toBeGreaterThan(0);
    // The grep is meaningful: the live incident opened in the same run is there.
    expect(files.some((file) => file.text.includes('registra-brp-traag-bij-het-opvragen-van-uittreksels'))).toBe(true);
    const traces = [drillIncident.id, 'Oefening: Registra BRP niet bereikbaar', 'Drill: Registra BRP unavailable', 'OEFENING', 'Drie gemeenten melden dat medewerkers'];
    const leaks = files.flatMap((file) => traces.filter((trace) => file.text.includes(trace)).map((trace) => `${file.path}: ${trace}`));
    expect(leaks).toEqual([]);
  }, 240_000);
});
