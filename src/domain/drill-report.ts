import type { DrillRole, DrillTargets, DrillTimelineEvent, ExpectedScopeChange } from './drill.ts';
import { DRILL_ROLES, drillSubjectKeys } from './drill.ts';
import type { LocalizedText } from './localized-text.ts';
import type { Language } from './vocabulary.ts';

/**
 * The drill report: how long each step of the procedure took against the drill's targets, and
 * what went wrong. Pure: the caller gathers the timeline (from the audit log), the messages and the
 * expected scope; `now` only matters for a drill that is still running.
 */

/** What the report needs to know about one drill message beyond its timeline steps. */
export interface DrillMessageFacts {
  id: string;
  /** "incident:<id>" or "maintenance:<id>". */
  subjectKey: string;
  /** The incident or maintenance status this update sets, e.g. "identified" or "resolved". */
  status: string;
  /** The promised next update; null when none was promised (or the update ends the incident). */
  nextUpdateAt: Date | null;
  /** Municipalities whose contacts are in the frozen audience (empty until approved). */
  municipalities: readonly string[];
  recipients: number;
}

export interface DrillReportInput {
  drill: { id: number; title: LocalizedText; scenarioId: string; startedAt: Date; endedAt: Date | null; targets: DrillTargets };
  now: Date;
  /** Oldest first, as drillTimelineFromAudit returns it. */
  timeline: readonly DrillTimelineEvent[];
  messages: readonly DrillMessageFacts[];
  roles: ReadonlyArray<{ role: DrillRole; userName: string }>;
  /** The expected municipalities at the start, then each injected change; oldest first. */
  expectedScope: readonly ExpectedScopeChange[];
  /** Municipalities with at least one active contact: only they can be reached by mail. */
  municipalitiesWithContacts: readonly string[];
  notes: string;
  /**
   * The drill's customer signals: when the first one that came in during the drill was reported,
   * and when the first alert rose within the drill's window. Absent or both null when no signal came in.
   */
  signals?: { firstAt: Date | null; alertAt: Date | null };
}

/** A measured duration against its target. `met` is null when there is nothing to measure or no target. */
export interface Measure {
  seconds: number | null;
  targetSeconds: number | null;
  met: boolean | null;
}

export interface MessageMeasure {
  messageId: string;
  subjectKey: string;
  status: string;
  draftedAt: Date | null;
  firstSubmittedAt: Date | null;
  approvedAt: Date | null;
  /** Handed to the outbox (captured in a drill). */
  sentAt: Date | null;
  /** From the first submit to approval, rejections included. */
  approval: Measure;
  rejections: number;
  recipients: number;
  municipalities: readonly string[];
}

/** One gap between consecutive messages about the same incident or maintenance. */
export interface UpdateInterval {
  subjectKey: string;
  fromMessageId: string;
  /** Null when no later message came (yet). */
  toMessageId: string | null;
  from: Date;
  to: Date | null;
  promisedAt: Date | null;
  /** to − from, or (end or now) − from while waiting. */
  interval: Measure;
  /** Whether the next message came no later than promised; null without a promise. */
  keptPromise: boolean | null;
}

export const DRILL_FINDING_KINDS = [
  'role_missing',
  'no_communication',
  'first_message_late',
  'approval_slow',
  'rejection',
  'approval_voided',
  'no_next_update_promised',
  'promise_beyond_target',
  'update_overdue',
  'update_interval_exceeded',
  'scope_too_few',
  'scope_too_many',
  'no_contacts',
  'resolution_late',
  'not_resolved',
] as const;
export type DrillFindingKind = (typeof DRILL_FINDING_KINDS)[number];

/** Something that went wrong, with the facts to explain it. */
export interface DrillFinding {
  kind: DrillFindingKind;
  at: Date | null;
  messageId: string | null;
  /** How far over the target or promise, in seconds. */
  overBySeconds?: number;
  municipalities?: readonly string[];
  /** A rejection's reason. */
  reason?: LocalizedText;
  actor?: string;
  role?: DrillRole;
}

/** A moment after the first signal, and how long after it. */
export interface SinceSignal {
  at: Date | null;
  seconds: number | null;
}

/**
 * How quickly the team noticed, for a drill that began with customer signals: from the first
 * signal to the alert, to the first incident opened and to the first approved message.
 */
export interface SignalResponse {
  firstSignalAt: Date;
  alert: SinceSignal;
  incidentOpened: SinceSignal;
  messageApproved: SinceSignal;
}

export interface DrillReport {
  drillId: number;
  title: LocalizedText;
  scenarioId: string;
  startedAt: Date;
  endedAt: Date | null;
  /** False while the drill runs: figures may still change. */
  complete: boolean;
  targets: DrillTargets;
  roles: ReadonlyArray<{ role: DrillRole; userName: string }>;
  firstCommunication: Measure & { at: Date | null };
  approval: { worst: Measure; averageSeconds: number | null };
  updateIntervals: UpdateInterval[];
  resolution: Measure & { at: Date | null };
  /** Null when no customer signal came in during the drill. */
  signalResponse: SignalResponse | null;
  messages: MessageMeasure[];
  findings: DrillFinding[];
  /** How many measured targets were met, out of how many could be measured. */
  targetsMet: { met: number; measured: number };
  notes: string;
  timeline: readonly DrillTimelineEvent[];
}

const seconds = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 1000);

function measure(value: number | null, targetMinutes: number | undefined): Measure {
  const targetSeconds = targetMinutes === undefined ? null : targetMinutes * 60;
  return { seconds: value, targetSeconds, met: value === null || targetSeconds === null ? null : value <= targetSeconds };
}

const ENDING_STATUSES = new Set(['resolved', 'completed']);

export function buildDrillReport(input: DrillReportInput): DrillReport {
  const { drill, timeline, targets } = { ...input, targets: input.drill.targets };
  const horizon = drill.endedAt ?? input.now;
  const findings: DrillFinding[] = [];

  for (const role of DRILL_ROLES) {
    if (!input.roles.some((assignment) => assignment.role === role)) findings.push({ kind: 'role_missing', at: null, messageId: null, role });
  }

  const messages = messageMeasures(input, targets);
  const sent = messages.filter((message) => message.sentAt !== null).sort((a, b) => a.sentAt!.getTime() - b.sentAt!.getTime());

  // Time to first communication.
  const first = sent[0] ?? null;
  const firstCommunication = { ...measure(first ? seconds(drill.startedAt, first.sentAt!) : null, targets.first_message_minutes), at: first?.sentAt ?? null };
  if (!first) {
    const waited = seconds(drill.startedAt, horizon);
    if (drill.endedAt !== null || waited > targets.first_message_minutes * 60) {
      findings.push({ kind: 'no_communication', at: null, messageId: null, overBySeconds: Math.max(0, waited - targets.first_message_minutes * 60) });
    }
  } else if (firstCommunication.met === false) {
    findings.push({ kind: 'first_message_late', at: first.sentAt, messageId: first.messageId, overBySeconds: firstCommunication.seconds! - targets.first_message_minutes * 60 });
  }

  // Approval: rejections, voided approvals and slow approvals, per message.
  for (const event of timeline) {
    if (event.kind === 'message_rejected') findings.push({ kind: 'rejection', at: event.at, messageId: event.messageId, actor: event.actor, ...(event.note ? { reason: event.note } : {}) });
    if (event.kind === 'approval_voided') findings.push({ kind: 'approval_voided', at: event.at, messageId: event.messageId, actor: event.actor });
  }
  for (const message of messages) {
    if (message.approval.met === false) {
      findings.push({ kind: 'approval_slow', at: message.approvedAt, messageId: message.messageId, overBySeconds: message.approval.seconds! - message.approval.targetSeconds! });
    }
  }
  const approvals = messages.map((message) => message.approval.seconds).filter((value): value is number => value !== null);
  const worstApproval = approvals.length === 0 ? null : Math.max(...approvals);

  // Update intervals against promises and the target, per incident or maintenance.
  const facts = new Map(input.messages.map((message) => [message.id, message]));
  const updateIntervals: UpdateInterval[] = [];
  const targetInterval = targets.update_interval_minutes * 60;
  const bySubject = groupBy(sent, (message) => message.subjectKey);
  for (const [subjectKey, subjectMessages] of bySubject) {
    subjectMessages.forEach((message, index) => {
      if (ENDING_STATUSES.has(message.status)) return;
      const promisedAt = facts.get(message.messageId)?.nextUpdateAt ?? null;
      const next = subjectMessages[index + 1] ?? null;
      const from = message.sentAt!;
      const to = next?.sentAt ?? null;
      const gap = seconds(from, to ?? horizon);
      const keptPromise = promisedAt === null ? null : to !== null ? to.getTime() <= promisedAt.getTime() : horizon.getTime() <= promisedAt.getTime() ? null : false;
      const interval = { ...measure(gap, targets.update_interval_minutes) };
      // While waiting and still within target, there is no verdict yet.
      if (to === null && interval.met === true) interval.met = null;
      updateIntervals.push({ subjectKey, fromMessageId: message.messageId, toMessageId: next?.messageId ?? null, from, to, promisedAt, interval, keptPromise });

      if (promisedAt === null) findings.push({ kind: 'no_next_update_promised', at: from, messageId: message.messageId });
      else if (seconds(from, promisedAt) > targetInterval) {
        findings.push({ kind: 'promise_beyond_target', at: from, messageId: message.messageId, overBySeconds: seconds(from, promisedAt) - targetInterval });
      }
      if (keptPromise === false) {
        findings.push({ kind: 'update_overdue', at: promisedAt, messageId: message.messageId, overBySeconds: seconds(promisedAt!, to ?? horizon) });
      } else if (interval.met === false) {
        findings.push({ kind: 'update_interval_exceeded', at: from, messageId: message.messageId, overBySeconds: gap - targetInterval });
      }
    });
  }

  // Scope: each message against the municipalities expected when it went out.
  const withContacts = new Set(input.municipalitiesWithContacts);
  for (const message of sent) {
    const expected = expectedAt(input.expectedScope, message.sentAt!);
    if (expected === null) continue;
    const reached = new Set(message.municipalities);
    const missing = [...expected].filter((id) => withContacts.has(id) && !reached.has(id)).sort();
    const extra = [...reached].filter((id) => !expected.has(id)).sort();
    if (missing.length > 0) findings.push({ kind: 'scope_too_few', at: message.sentAt, messageId: message.messageId, municipalities: missing });
    if (extra.length > 0) findings.push({ kind: 'scope_too_many', at: message.sentAt, messageId: message.messageId, municipalities: extra });
  }
  const everExpected = new Set(input.expectedScope.flatMap((change) => change.municipalities));
  const unreachable = [...everExpected].filter((id) => !withContacts.has(id)).sort();
  if (unreachable.length > 0) findings.push({ kind: 'no_contacts', at: null, messageId: null, municipalities: unreachable });

  // Resolution: every subject the drill opened resolved or completed.
  const resolutionAt = resolutionTime(timeline, sent);
  const resolution = { ...measure(resolutionAt ? seconds(drill.startedAt, resolutionAt) : null, targets.resolution_minutes), at: resolutionAt };
  if (resolution.met === false) findings.push({ kind: 'resolution_late', at: resolutionAt, messageId: null, overBySeconds: resolution.seconds! - resolution.targetSeconds! });
  if (resolutionAt === null && drill.endedAt !== null) findings.push({ kind: 'not_resolved', at: drill.endedAt, messageId: null });

  const verdicts = [firstCommunication.met, worstApproval === null ? null : worstApproval <= targets.approval_minutes * 60, ...updateIntervals.map((entry) => entry.interval.met), resolution.met].filter(
    (verdict): verdict is boolean => verdict !== null,
  );

  return {
    drillId: drill.id,
    title: drill.title,
    scenarioId: drill.scenarioId,
    startedAt: drill.startedAt,
    endedAt: drill.endedAt,
    complete: drill.endedAt !== null,
    targets,
    roles: input.roles,
    firstCommunication,
    approval: {
      worst: measure(worstApproval, targets.approval_minutes),
      averageSeconds: approvals.length === 0 ? null : Math.round(approvals.reduce((sum, value) => sum + value, 0) / approvals.length),
    },
    updateIntervals,
    resolution,
    signalResponse: signalResponse(input),
    messages,
    findings: sortFindings(findings),
    targetsMet: { met: verdicts.filter(Boolean).length, measured: verdicts.length },
    notes: input.notes,
    timeline,
  };
}

function signalResponse(input: DrillReportInput): SignalResponse | null {
  const firstAt = input.signals?.firstAt ?? null;
  if (firstAt === null) return null;
  const since = (at: Date | null): SinceSignal => ({ at, seconds: at === null ? null : seconds(firstAt, at) });
  // Only what followed the first signal answers it: an incident the scenario opened at the start does not.
  const firstStep = (kind: DrillTimelineEvent['kind']) => input.timeline.find((event) => event.kind === kind && event.at.getTime() >= firstAt.getTime())?.at ?? null;
  const alertAt = input.signals?.alertAt ?? null;
  return {
    firstSignalAt: firstAt,
    alert: since(alertAt !== null && alertAt.getTime() >= firstAt.getTime() ? alertAt : null),
    incidentOpened: since(firstStep('incident_opened')),
    messageApproved: since(firstStep('message_approved')),
  };
}

function messageMeasures(input: DrillReportInput, targets: DrillTargets): MessageMeasure[] {
  const ids = [...new Set(input.timeline.map((event) => event.messageId).filter((id): id is string => id !== null))];
  const facts = new Map(input.messages.map((message) => [message.id, message]));
  return ids
    .filter((id) => facts.has(id))
    .map((id) => {
      const steps = input.timeline.filter((event) => event.messageId === id);
      const at = (kind: DrillTimelineEvent['kind']) => steps.find((event) => event.kind === kind)?.at ?? null;
      const fact = facts.get(id)!;
      const firstSubmittedAt = at('message_submitted');
      const approvedAt = at('message_approved');
      return {
        messageId: id,
        subjectKey: fact.subjectKey,
        status: fact.status,
        draftedAt: at('message_drafted'),
        firstSubmittedAt,
        approvedAt,
        sentAt: at('message_sent') ?? approvedAt,
        approval: measure(firstSubmittedAt && approvedAt ? seconds(firstSubmittedAt, approvedAt) : null, targets.approval_minutes),
        rejections: steps.filter((event) => event.kind === 'message_rejected').length,
        recipients: fact.recipients,
        municipalities: fact.municipalities,
      };
    });
}

function expectedAt(changes: readonly ExpectedScopeChange[], at: Date): Set<string> | null {
  let current: readonly string[] | null = null;
  for (const change of changes) if (change.at.getTime() <= at.getTime()) current = change.municipalities;
  return current === null ? null : new Set(current);
}

function resolutionTime(timeline: readonly DrillTimelineEvent[], sent: readonly MessageMeasure[]): Date | null {
  const subjects = drillSubjectKeys(timeline);
  if (subjects.length === 0) return null;
  let latest: Date | null = null;
  for (const key of subjects) {
    const candidates = [
      ...timeline.filter((event) => (event.kind === 'incident_resolved' || event.kind === 'maintenance_completed') && event.subject && `${event.subject.type}:${event.subject.id}` === key).map((event) => event.at),
      ...sent.filter((message) => message.subjectKey === key && ENDING_STATUSES.has(message.status)).map((message) => message.sentAt!),
    ].sort((a, b) => a.getTime() - b.getTime());
    const first = candidates[0];
    if (!first) return null;
    if (latest === null || first.getTime() > latest.getTime()) latest = first;
  }
  return latest;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    groups.set(name, [...(groups.get(name) ?? []), item]);
  }
  return groups;
}

/** Undated findings (the set-up) first, then in time order; kinds in vocabulary order for ties. */
function sortFindings(findings: DrillFinding[]): DrillFinding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        (a.finding.at?.getTime() ?? -Infinity) - (b.finding.at?.getTime() ?? -Infinity) ||
        DRILL_FINDING_KINDS.indexOf(a.finding.kind) - DRILL_FINDING_KINDS.indexOf(b.finding.kind) ||
        a.index - b.index,
    )
    .map(({ finding }) => finding);
}

/* ----------------------------------------------------------------------------------------------
 * Trend across drills
 * -------------------------------------------------------------------------------------------- */

export interface DrillTrendPoint {
  drillId: number;
  title: LocalizedText;
  startedAt: Date;
  complete: boolean;
  firstCommunicationSeconds: number | null;
  worstApprovalSeconds: number | null;
  findings: number;
  overdueUpdates: number;
  targetsMet: { met: number; measured: number };
  /** Compared with the previous completed drill: lower is better for times and findings. */
  change: { firstCommunication: TrendDirection; findings: TrendDirection };
}

export type TrendDirection = 'better' | 'worse' | 'same' | null;

function direction(previous: number | null | undefined, current: number | null): TrendDirection {
  if (previous === null || previous === undefined || current === null) return null;
  return current < previous ? 'better' : current > previous ? 'worse' : 'same';
}

/** The list of past drills with their key figures, oldest first, each compared with the one before. */
export function drillTrend(reports: readonly DrillReport[]): DrillTrendPoint[] {
  const ordered = [...reports].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.drillId - b.drillId);
  const points: DrillTrendPoint[] = [];
  let previous: DrillTrendPoint | null = null;
  for (const report of ordered) {
    const point: DrillTrendPoint = {
      drillId: report.drillId,
      title: report.title,
      startedAt: report.startedAt,
      complete: report.complete,
      firstCommunicationSeconds: report.firstCommunication.seconds,
      worstApprovalSeconds: report.approval.worst.seconds,
      findings: report.findings.length,
      overdueUpdates: report.findings.filter((finding) => finding.kind === 'update_overdue').length,
      targetsMet: report.targetsMet,
      change: {
        firstCommunication: report.complete ? direction(previous?.firstCommunicationSeconds, report.firstCommunication.seconds) : null,
        findings: report.complete ? direction(previous?.findings, report.findings.length) : null,
      },
    };
    points.push(point);
    if (report.complete) previous = point;
  }
  return points;
}
