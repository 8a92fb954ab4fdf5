import { authorise, type Caller } from '../authorise.ts';
import { drillSubjectKeys, plannedAt, type DrillRole, type ScenarioEvent } from '../../domain/drill.ts';
import type { DrillReport } from '../../domain/drill-report.ts';
import type { LocalizedText } from '../../domain/index.ts';
import { listCapturedMail, type CapturedMailSummary } from '../../mail/captured-mail.ts';
import { listDrillEvents, listDrillRoles, type DrillEventRecord, type DrillRecord, type DrillRoleAssignment } from '../../store/drills-repository.ts';
import { findMessage } from '../../store/messages-repository.ts';
import { listAlertsOfDrill, listSignals, type SignalAlert } from '../../store/signals-repository.ts';
import type { Signal } from '../../domain/index.ts';
import { reportOf } from './build-drill-report.ts';
import { requireDrill } from './drill-parts.ts';
import { listDrillCandidates } from './list-drill-candidates.ts';
import type { UseCaseContext } from '../context.ts';

export interface ScenarioEventStatus {
  index: number;
  event: ScenarioEvent;
  plannedAt: Date;
  /** When the leader brought it in; null while pending. */
  injectedAt: Date | null;
  /** Pending and its planned time has come. */
  due: boolean;
}

export interface DrillMessageView {
  id: string;
  subject: { kind: 'incident' | 'maintenance'; id: string };
  state: string;
  status: string;
  /** What the capture kept: one real MIME message per recipient, never delivered. */
  captured: CapturedMailSummary[];
}

export interface DrillDetail {
  drill: DrillRecord;
  running: boolean;
  roles: DrillRoleAssignment[];
  /** Active colleagues who can play each role (the composer must be able to compose, …). */
  candidates: Record<DrillRole, Array<{ id: number; name: string }>>;
  events: ScenarioEventStatus[];
  observations: DrillEventRecord[];
  /** The drill's incidents and maintenance, with the title staff know them by. */
  subjects: Array<{ kind: 'incident' | 'maintenance'; id: string; title: LocalizedText | null }>;
  messages: DrillMessageView[];
  /** This drill's own customer signals (its scenario's timed ones, and any recorded by hand while it ran), newest first. */
  signals: Signal[];
  /** The alerts this drill's signals raised, newest first. */
  alerts: SignalAlert[];
  report: DrillReport;
}

/** Everything the drill page shows: roles, signals, timeline, captured mail per recipient, report. */
export function getDrill(ctx: UseCaseContext, caller: Caller, input: { drillId: number }): DrillDetail {
  authorise(caller, 'drill.view');
  const now = ctx.clock.now();
  const drill = requireDrill(ctx.db, input.drillId);
  const report = reportOf(ctx.db, drill, now);
  const recorded = listDrillEvents(ctx.db, drill.id);
  const injected = new Map(recorded.filter((event) => event.scenarioEvent !== null).map((event) => [event.scenarioEvent!, event.at]));
  const candidates = listDrillCandidates(ctx, caller);
  const messageIds = [...new Set(report.timeline.map((event) => event.messageId).filter((id): id is string => id !== null))];
  return {
    drill,
    running: drill.endedAt === null,
    roles: listDrillRoles(ctx.db, drill.id),
    candidates,
    events: drill.scenario.events.map((event, index) => {
      const planned = plannedAt(drill.startedAt, event);
      const injectedAt = injected.get(index) ?? null;
      return { index, event, plannedAt: planned, injectedAt, due: injectedAt === null && drill.endedAt === null && planned.getTime() <= now.getTime() };
    }),
    observations: recorded.filter((event) => event.kind === 'observation'),
    subjects: drillSubjects(ctx, report.timeline),
    messages: messageIds.flatMap((id) => {
      const message = findMessage(ctx.db, id);
      if (!message) return [];
      return [{ id, subject: message.draft.subject, state: message.state, status: message.draft.status, captured: listCapturedMail(ctx.db, { outboxMessageId: id, limit: 1000 }).reverse() }];
    }),
    signals: listSignals(ctx.db, ctx.drill, { drillId: drill.id }),
    alerts: listAlertsOfDrill(ctx.db, drill.id),
    report,
  };
}

function drillSubjects(ctx: UseCaseContext, timeline: DrillReport['timeline']): DrillDetail['subjects'] {
  const content = ctx.content.read();
  return drillSubjectKeys(timeline).map((key) => {
    const [kind, id] = key.split(':') as ['incident' | 'maintenance', string];
    const record = kind === 'incident' ? content.incidents.find((incident) => incident.id === id) : content.maintenances.find((item) => item.id === id);
    return { kind, id, title: record?.title ?? null };
  });
}
