import { authorise, type Caller } from '../authorise.ts';
import { drillTimelineFromAudit, type DrillAuditFact } from '../../domain/drill.ts';
import { buildDrillReport, type DrillMessageFacts, type DrillReport } from '../../domain/drill-report.ts';
import { queryAudit, type AuditEntry, type AuditQuery } from '../../store/audit-log.ts';
import type { Database } from '../../store/database.ts';
import {
  audienceMunicipalities,
  drillMessageSubjects,
  listDrillEvents,
  listDrillRoles,
  municipalitiesWithContacts,
  type DrillRecord,
} from '../../store/drills-repository.ts';
import { findMessage, listAudience } from '../../store/messages-repository.ts';
import { firstAlertRaisedAt, firstSignalReceivedAt } from '../../store/signals-repository.ts';
import { requireDrill } from './drill-parts.ts';
import type { UseCaseContext } from '../context.ts';

/** Bumped when the JSON export's shape changes, so tools reading old exports can tell. */
export const DRILL_REPORT_FORMAT = 'helder.drill-report.v1';

/** The report of one drill, computed from the audit log, the messages and the drill's own records. */
export function buildDrillReportFor(ctx: UseCaseContext, caller: Caller, input: { drillId: number }): DrillReport {
  authorise(caller, 'drill.view');
  return reportOf(ctx.db, requireDrill(ctx.db, input.drillId), ctx.clock.now());
}

/** The JSON export: the report with a format marker; instants as ISO 8601 UTC. */
export function drillReportJson(report: DrillReport): string {
  return JSON.stringify({ format: DRILL_REPORT_FORMAT, ...report }, null, 2);
}

export function reportOf(db: Database, drill: DrillRecord, now: Date): DrillReport {
  const window = { from: drill.startedAt, to: drill.endedAt };
  const messageSubjects = drillMessageSubjects(db, window);
  const timeline = drillTimelineFromAudit(drillAuditFacts(db, drill), { drillId: drill.id, startedAt: drill.startedAt, endedAt: drill.endedAt, messageSubjects });
  const messageIds = [...new Set(timeline.map((event) => event.messageId).filter((id): id is string => id !== null))];
  const messages: DrillMessageFacts[] = messageIds.flatMap((id) => {
    const message = findMessage(db, id);
    if (!message) return [];
    return [
      {
        id,
        subjectKey: `${message.draft.subject.kind}:${message.draft.subject.id}`,
        status: message.draft.status,
        nextUpdateAt: message.draft.next_update_at ?? null,
        municipalities: audienceMunicipalities(db, id),
        recipients: listAudience(db, id).length,
      },
    ];
  });
  const injectedScopes = listDrillEvents(db, drill.id)
    .filter((event) => event.expectedMunicipalities !== null)
    .map((event) => ({ at: event.at, municipalities: event.expectedMunicipalities! }));
  return buildDrillReport({
    drill: { id: drill.id, title: drill.scenario.title, scenarioId: drill.scenarioId, startedAt: drill.startedAt, endedAt: drill.endedAt, targets: drill.scenario.targets },
    now,
    timeline,
    messages,
    roles: listDrillRoles(db, drill.id).map((assignment) => ({ role: assignment.role, userName: assignment.userName })),
    expectedScope: [{ at: drill.startedAt, municipalities: drill.expectedMunicipalities }, ...injectedScopes],
    municipalitiesWithContacts: municipalitiesWithContacts(db),
    notes: drill.notes,
    // This drill's own signals: the scenario's timed ones and any recorded by hand while it ran.
    signals: { firstAt: firstSignalReceivedAt(db, drill.id), alertAt: firstAlertRaisedAt(db, drill.id) },
  });
}

/** The drill's own audit entries, plus every drill-marked entry in its window (the timeline picks what belongs). */
function drillAuditFacts(db: Database, drill: DrillRecord): DrillAuditFact[] {
  const own = allEntries(db, { subjectType: 'drill', subjectId: drill.id });
  const windowed = allEntries(db, { drill: true, from: drill.startedAt, ...(drill.endedAt ? { to: new Date(drill.endedAt.getTime() + 1) } : {}) });
  const bySeq = new Map<number, AuditEntry>();
  for (const entry of [...own, ...windowed]) bySeq.set(entry.seq, entry);
  return [...bySeq.values()].map((entry) => ({
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor.kind === 'user' ? { kind: 'user', name: entry.actor.name, userId: entry.actor.userId } : { kind: 'system', name: entry.actor.name },
    action: entry.action,
    subject: entry.subject,
    details: entry.details,
    drill: entry.drill,
  }));
}

function allEntries(db: Database, query: AuditQuery): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let beforeSeq: number | undefined;
  do {
    const page = queryAudit(db, query, { limit: 500, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
    entries.push(...page.entries);
    beforeSeq = page.nextBeforeSeq ?? undefined;
  } while (beforeSeq !== undefined);
  return entries;
}
