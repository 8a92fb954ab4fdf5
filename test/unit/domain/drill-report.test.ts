import { describe, expect, it } from 'vitest';
import { DEFAULT_DRILL_TARGETS, drillTimelineFromAudit, type DrillAuditFact, type DrillTargets } from '../../../src/domain/drill.ts';
import { buildDrillReport, drillTrend, type DrillMessageFacts, type DrillReport, type DrillReportInput } from '../../../src/domain/drill-report.ts';

/**
 * A national Registra BRP drill on Monday 30 November 2026, started at 10:00 Amsterdam time
 * (09:00 UTC). All instants are fixed: the report never reads a clock of its own.
 */
const START = '2026-11-30T09:00:00Z';
const INCIDENT = '2026-11-30-oefening-registra-brp-niet-bereikbaar';
const t = (hhmm: string) => new Date(`2026-11-30T${hhmm}:00Z`);

let seq = 0;
function fact(at: string, action: string, subject: DrillAuditFact['subject'], details: Record<string, unknown> = {}, actor = 'Sanne de Vries', drill = true): DrillAuditFact {
  seq += 1;
  return { seq, at: t(at), actor: { kind: 'user', name: actor }, action, subject, details, drill };
}
const drillSubject = { type: 'drill', id: '4' };
const incident = { type: 'incident', id: INCIDENT };
const message = (id: string) => ({ type: 'message', id });

/** A whole drill as the audit log records it, with a few things going wrong on purpose. */
function auditOfADrill(): DrillAuditFact[] {
  seq = 0;
  return [
    fact('08:55', 'sign_in', null, {}, 'Sanne de Vries', false),
    fact('09:00', 'drill_started', drillSubject, { scenario_id: 'landelijke-storing-registra-brp' }, 'Pieter Jansen'),
    fact('09:00', 'incident_opened', incident, { drill_id: 4 }, 'oefenscenario (gestart door Pieter Jansen)'),
    fact('09:01', 'drill_role_assigned', drillSubject, { role: 'incident_manager', user_name: 'Fatima El Amrani' }, 'Pieter Jansen'),
    fact('09:01', 'drill_role_assigned', drillSubject, { role: 'composer', user_name: 'Sanne de Vries' }, 'Pieter Jansen'),
    fact('09:01', 'drill_role_assigned', drillSubject, { role: 'approver', user_name: 'Pieter Jansen' }, 'Pieter Jansen'),
    fact('09:04', 'message_drafted', message('m1'), { event: 'drafted' }),
    fact('09:05', 'drill_event_injected', drillSubject, { event: 0, text: { nl: '10:05 Meer gemeenten melden problemen', en: '10:05 More municipalities report problems' } }, 'Pieter Jansen'),
    fact('09:08', 'message_submitted', message('m1'), { event: 'submitted' }),
    fact('09:10', 'message_rejected', message('m1'), { event: 'rejected', reason: 'Noem de omweg: het papieren noodformulier.' }, 'Pieter Jansen'),
    fact('09:11', 'message_returned_to_draft', message('m1'), { event: 'returned_to_draft' }),
    fact('09:13', 'message_submitted', message('m1'), { event: 'submitted' }),
    fact('09:17', 'message_approved', message('m1'), { event: 'approved' }, 'Pieter Jansen'),
    fact('09:17', 'delivery_queued', message('m1'), { recipients: 3 }, 'Pieter Jansen'),
    fact('09:17', 'incident_updated', incident, {}, 'message-publisher'),
    fact('09:17', 'message_published', message('m1'), { event: 'published' }, 'Pieter Jansen'),
    // A live incident handled at the same time: not part of the drill.
    fact('09:20', 'incident_updated', { type: 'incident', id: '2026-11-30-taxo-traag' }, {}, 'Sanne de Vries', false),
    // Another drill message about an incident this drill never opened.
    fact('09:21', 'message_drafted', message('other'), { event: 'drafted' }),
    fact('09:30', 'drill_event_recorded', drillSubject, { text: 'Incidentmanager belt de certificaatleverancier.' }, 'Fatima El Amrani'),
    fact('09:38', 'message_drafted', message('m2'), { event: 'drafted' }),
    fact('09:38', 'message_submitted', message('m2'), { event: 'submitted' }),
    fact('09:50', 'message_approved', message('m2'), { event: 'approved' }, 'Pieter Jansen'),
    fact('09:50', 'delivery_queued', message('m2'), { recipients: 5 }, 'Pieter Jansen'),
    fact('10:20', 'message_drafted', message('m3'), { event: 'drafted' }),
    fact('10:21', 'message_submitted', message('m3'), { event: 'submitted' }),
    fact('10:25', 'message_approved', message('m3'), { event: 'approved' }, 'Pieter Jansen'),
    fact('10:25', 'delivery_queued', message('m3'), { recipients: 5 }, 'Pieter Jansen'),
    fact('10:25', 'incident_resolved', incident, {}, 'message-publisher'),
    fact('10:40', 'drill_ended', drillSubject, {}, 'Pieter Jansen'),
    // After the drill: not on its timeline, except the drill's own evaluation.
    fact('10:45', 'message_drafted', message('m4'), { event: 'drafted' }),
    fact('11:00', 'drill_notes_saved', drillSubject, { characters: 240 }, 'Fatima El Amrani'),
  ];
}

const messageSubjects = new Map([
  ['m1', `incident:${INCIDENT}`],
  ['m2', `incident:${INCIDENT}`],
  ['m3', `incident:${INCIDENT}`],
  ['m4', `incident:${INCIDENT}`],
  ['other', 'incident:2026-11-30-andere-oefening'],
]);

const messages: DrillMessageFacts[] = [
  { id: 'm1', subjectKey: `incident:${INCIDENT}`, status: 'investigating', nextUpdateAt: t('09:45'), municipalities: ['GM0344', 'GM0363', 'GM0772'], recipients: 3 },
  { id: 'm2', subjectKey: `incident:${INCIDENT}`, status: 'identified', nextUpdateAt: t('10:30'), municipalities: ['GM0014', 'GM0344', 'GM0363', 'GM0599', 'GM0772'], recipients: 5 },
  { id: 'm3', subjectKey: `incident:${INCIDENT}`, status: 'resolved', nextUpdateAt: null, municipalities: ['GM0344', 'GM0363', 'GM0599', 'GM0772'], recipients: 5 },
];

function input(overrides: Partial<DrillReportInput> = {}, targets: DrillTargets = { ...DEFAULT_DRILL_TARGETS, resolution_minutes: 120 }): DrillReportInput {
  const endedAt = t('10:40');
  const timeline = drillTimelineFromAudit(auditOfADrill(), { drillId: 4, startedAt: new Date(START), endedAt, messageSubjects });
  return {
    drill: { id: 4, title: 'Landelijke storing Registra BRP', scenarioId: 'landelijke-storing-registra-brp', startedAt: new Date(START), endedAt, targets },
    now: t('11:30'),
    timeline,
    messages,
    roles: [
      { role: 'incident_manager', userName: 'Fatima El Amrani' },
      { role: 'composer', userName: 'Sanne de Vries' },
      { role: 'approver', userName: 'Pieter Jansen' },
    ],
    expectedScope: [
      { at: new Date(START), municipalities: ['GM0344', 'GM0363', 'GM0772'] },
      { at: t('09:05'), municipalities: ['GM0344', 'GM0363', 'GM0599', 'GM0772'] },
    ],
    municipalitiesWithContacts: ['GM0014', 'GM0344', 'GM0363', 'GM0599', 'GM0772'],
    notes: '',
    ...overrides,
  };
}

const brief = (report: DrillReport) => report.findings.map((finding) => [finding.kind, finding.messageId, finding.overBySeconds ?? null, finding.municipalities?.join(' ') ?? null]);

describe('the drill timeline from the audit log', () => {
  it('takes the drill\'s own steps and every drill action on its incident within its window, and nothing else', () => {
    const timeline = input().timeline;
    expect(timeline.map((event) => `${event.at.toISOString().slice(11, 16)} ${event.kind}${event.messageId ? ` ${event.messageId}` : ''}`)).toMatchInlineSnapshot(`
      [
        "09:00 drill_started",
        "09:00 incident_opened",
        "09:01 role_assigned",
        "09:01 role_assigned",
        "09:01 role_assigned",
        "09:04 message_drafted m1",
        "09:05 scenario_event",
        "09:08 message_submitted m1",
        "09:10 message_rejected m1",
        "09:11 message_returned m1",
        "09:13 message_submitted m1",
        "09:17 message_approved m1",
        "09:17 message_sent m1",
        "09:17 incident_updated",
        "09:17 message_published m1",
        "09:30 observation",
        "09:38 message_drafted m2",
        "09:38 message_submitted m2",
        "09:50 message_approved m2",
        "09:50 message_sent m2",
        "10:20 message_drafted m3",
        "10:21 message_submitted m3",
        "10:25 message_approved m3",
        "10:25 message_sent m3",
        "10:25 incident_resolved",
        "10:40 drill_ended",
        "11:00 notes_saved",
      ]
    `);
  });

  it('keeps the rejection reason, the injected signal and who got which role as notes', () => {
    const notes = input().timeline.filter((event) => event.note !== null).map((event) => [event.kind, event.note, ...(event.role ? [event.role] : [])]);
    expect(notes).toEqual([
      ['role_assigned', 'Fatima El Amrani', 'incident_manager'],
      ['role_assigned', 'Sanne de Vries', 'composer'],
      ['role_assigned', 'Pieter Jansen', 'approver'],
      ['scenario_event', { nl: '10:05 Meer gemeenten melden problemen', en: '10:05 More municipalities report problems' }],
      ['message_rejected', 'Noem de omweg: het papieren noodformulier.'],
      ['observation', 'Incidentmanager belt de certificaatleverancier.'],
    ]);
  });

  it('shows how the storingsprocedure was followed: each tick and each tick taken back, with the step\'s title', () => {
    const facts = [
      ...auditOfADrill(),
      fact('09:02', 'checklist_step_done', incident, { step: 'incidentmanager-aanwijzen', title: 'Incidentmanager aanwijzen', due_at: t('09:05').toISOString(), late: false }, 'Fatima El Amrani'),
      fact('09:06', 'checklist_step_done', incident, { step: 'klantenservice-informeren', title: 'Klantenservice informeren' }, 'Fatima El Amrani'),
      fact('09:07', 'checklist_step_undone', incident, { step: 'klantenservice-informeren', title: 'Klantenservice informeren' }, 'Fatima El Amrani'),
      // The same tick in live work is not the drill's.
      fact('09:08', 'checklist_step_done', incident, { step: 'klantenservice-informeren', title: 'Klantenservice informeren' }, 'Fatima El Amrani', false),
    ];
    const timeline = drillTimelineFromAudit(facts, { drillId: 4, startedAt: new Date(START), endedAt: null, messageSubjects });
    expect(timeline.filter((event) => event.kind.startsWith('checklist_')).map((event) => [event.at.toISOString().slice(11, 16), event.kind, event.actor, event.note])).toEqual([
      ['09:02', 'checklist_step_done', 'Fatima El Amrani', 'Incidentmanager aanwijzen'],
      ['09:06', 'checklist_step_done', 'Fatima El Amrani', 'Klantenservice informeren'],
      ['09:07', 'checklist_step_undone', 'Fatima El Amrani', 'Klantenservice informeren'],
    ]);
  });

  it('ignores a live action on the drill incident\'s id and an audit entry of the same drill id for another subject type', () => {
    seq = 100;
    const facts = [
      fact('09:00', 'incident_opened', incident, {}),
      fact('09:10', 'incident_updated', incident, {}, 'Sanne de Vries', false),
      fact('09:11', 'drill_started', { type: 'drill_scenario', id: '4' }, {}),
    ];
    const timeline = drillTimelineFromAudit(facts, { drillId: 4, startedAt: new Date(START), endedAt: null, messageSubjects });
    expect(timeline.map((event) => event.kind)).toEqual(['incident_opened']);
  });
});

describe('the drill report', () => {
  it('measures time to first communication from the start to the first message handed to the outbox', () => {
    const report = buildDrillReport(input());
    expect(report.firstCommunication).toEqual({ seconds: 17 * 60, targetSeconds: 15 * 60, met: false, at: t('09:17') });
  });

  it('measures time in approval from the first submit, rejections included', () => {
    const report = buildDrillReport(input());
    expect(report.messages.map((entry) => [entry.messageId, entry.approval.seconds, entry.approval.met, entry.rejections])).toEqual([
      ['m1', 9 * 60, true, 1],
      ['m2', 12 * 60, false, 0],
      ['m3', 4 * 60, true, 0],
    ]);
    expect(report.approval).toEqual({ worst: { seconds: 12 * 60, targetSeconds: 10 * 60, met: false }, averageSeconds: Math.round((9 + 12 + 4) * 60 / 3) });
  });

  it('compares each update interval with the promised next update and the target', () => {
    const report = buildDrillReport(input());
    expect(report.updateIntervals.map((entry) => [entry.fromMessageId, entry.toMessageId, entry.interval.seconds, entry.interval.met, entry.promisedAt?.toISOString().slice(11, 16), entry.keptPromise])).toEqual([
      ['m1', 'm2', 33 * 60, false, '09:45', false],
      ['m2', 'm3', 35 * 60, false, '10:30', true],
    ]);
  });

  it('measures time to resolution against the target', () => {
    const report = buildDrillReport(input());
    expect(report.resolution).toEqual({ seconds: 85 * 60, targetSeconds: 120 * 60, met: true, at: t('10:25') });
  });

  it('lists what went wrong, in time order', () => {
    expect(brief(buildDrillReport(input()))).toMatchInlineSnapshot(`
      [
        [
          "rejection",
          "m1",
          null,
          null,
        ],
        [
          "first_message_late",
          "m1",
          120,
          null,
        ],
        [
          "scope_too_few",
          "m1",
          null,
          "GM0599",
        ],
        [
          "update_overdue",
          "m1",
          300,
          null,
        ],
        [
          "approval_slow",
          "m2",
          120,
          null,
        ],
        [
          "promise_beyond_target",
          "m2",
          600,
          null,
        ],
        [
          "update_interval_exceeded",
          "m2",
          300,
          null,
        ],
        [
          "scope_too_many",
          "m2",
          null,
          "GM0014",
        ],
      ]
    `);
  });

  it('counts the targets met out of those measured', () => {
    // first message ✗, worst approval ✗, interval 1 ✗, interval 2 ✗, resolution ✓
    expect(buildDrillReport(input()).targetsMet).toEqual({ met: 1, measured: 5 });
  });

  it('flags a message that still went to the first three municipalities after more reported problems', () => {
    const report = buildDrillReport(input());
    // The signal at 10:05 (09:05 UTC) widened the expected scope to Rotterdam; m1 went out at 09:17 without it.
    expect(report.findings.filter((finding) => finding.kind === 'scope_too_few')).toEqual([{ kind: 'scope_too_few', at: t('09:17'), messageId: 'm1', municipalities: ['GM0599'] }]);
  });

  it('names expected municipalities without any contact once, instead of blaming every message', () => {
    const report = buildDrillReport(input({ municipalitiesWithContacts: ['GM0014', 'GM0344', 'GM0363', 'GM0772'] }));
    expect(report.findings.filter((finding) => finding.kind === 'no_contacts' || finding.kind === 'scope_too_few')).toEqual([
      { kind: 'no_contacts', at: null, messageId: null, municipalities: ['GM0599'] },
    ]);
  });

  it('reports a drill that ended without any message and without resolution, and the missing roles', () => {
    const endedAt = t('09:40');
    const report = buildDrillReport({
      ...input(),
      drill: { ...input().drill, endedAt },
      timeline: drillTimelineFromAudit(auditOfADrill().filter((entry) => entry.at.getTime() <= t('09:03').getTime()), { drillId: 4, startedAt: new Date(START), endedAt, messageSubjects }),
      roles: [{ role: 'composer', userName: 'Sanne de Vries' }],
    });
    expect(brief(report)).toEqual([
      ['role_missing', null, null, null],
      ['role_missing', null, null, null],
      ['no_communication', null, 25 * 60, null],
      ['not_resolved', null, null, null],
    ]);
    expect(report.findings.slice(0, 2).map((finding) => finding.role)).toEqual(['incident_manager', 'approver']);
    expect(report.firstCommunication).toEqual({ seconds: null, targetSeconds: 900, met: null, at: null });
  });

  it('while a drill runs, a promised update still in the future is no finding yet, and a passed one is', () => {
    const running = (now: string) =>
      buildDrillReport({
        ...input(),
        drill: { ...input().drill, endedAt: null },
        now: t(now),
        timeline: drillTimelineFromAudit(auditOfADrill().filter((entry) => entry.at.getTime() <= t('09:20').getTime()), { drillId: 4, startedAt: new Date(START), endedAt: null, messageSubjects }),
      });
    const atTwentyFive = running('09:25');
    expect(atTwentyFive.complete).toBe(false);
    expect(atTwentyFive.updateIntervals).toEqual([
      { subjectKey: `incident:${INCIDENT}`, fromMessageId: 'm1', toMessageId: null, from: t('09:17'), to: null, promisedAt: t('09:45'), interval: { seconds: 8 * 60, targetSeconds: 1800, met: null }, keptPromise: null },
    ]);
    expect(atTwentyFive.findings.map((finding) => finding.kind)).not.toContain('update_overdue');
    const atFiftyTwo = running('09:52');
    expect(atFiftyTwo.findings.filter((finding) => finding.kind === 'update_overdue')).toEqual([{ kind: 'update_overdue', at: t('09:45'), messageId: 'm1', overBySeconds: 7 * 60 }]);
    expect(atFiftyTwo.findings.map((finding) => finding.kind)).not.toContain('not_resolved');
  });

  it('has no resolution verdict when the scenario sets no resolution target', () => {
    const report = buildDrillReport(input({}, DEFAULT_DRILL_TARGETS));
    expect(report.resolution).toEqual({ seconds: 85 * 60, targetSeconds: null, met: null, at: t('10:25') });
  });
});

describe('the trend across drills', () => {
  it('compares each completed drill with the one before it; a running drill gets no verdict', () => {
    const first = buildDrillReport(input());
    const second: DrillReport = { ...first, drillId: 5, startedAt: t('12:00'), firstCommunication: { ...first.firstCommunication, seconds: 11 * 60 }, findings: first.findings.slice(0, 2) };
    const running: DrillReport = { ...first, drillId: 6, startedAt: t('14:00'), complete: false, endedAt: null };
    const trend = drillTrend([running, second, first]);
    expect(trend.map((point) => [point.drillId, point.firstCommunicationSeconds, point.findings, point.overdueUpdates, point.change])).toEqual([
      [4, 17 * 60, 8, 1, { firstCommunication: null, findings: null }],
      [5, 11 * 60, 2, 0, { firstCommunication: 'better', findings: 'better' }],
      [6, 17 * 60, 8, 1, { firstCommunication: null, findings: null }],
    ]);
  });
});

describe('the response to customer signals', () => {
  it('is absent when no signal came in', () => {
    expect(buildDrillReport(input()).signalResponse).toBeNull();
    expect(buildDrillReport(input({ signals: { firstAt: null, alertAt: null } })).signalResponse).toBeNull();
  });

  it('measures from the first signal to the alert, and to the first incident and approval that followed it', () => {
    // The scenario's incident opened at 09:00, before the first call at 09:02: it does not answer the call.
    const report = buildDrillReport(input({ signals: { firstAt: t('09:02'), alertAt: t('09:06') } }));
    expect(report.signalResponse).toEqual({
      firstSignalAt: t('09:02'),
      alert: { at: t('09:06'), seconds: 240 },
      incidentOpened: { at: null, seconds: null },
      messageApproved: { at: t('09:17'), seconds: 900 },
    });
  });

  it('counts an incident opened after the first signal, and no alert from before it', () => {
    const report = buildDrillReport(input({ signals: { firstAt: t('08:59'), alertAt: t('08:58') } }));
    expect(report.signalResponse?.incidentOpened).toEqual({ at: t('09:00'), seconds: 60 });
    expect(report.signalResponse?.alert).toEqual({ at: null, seconds: null });
  });
});
