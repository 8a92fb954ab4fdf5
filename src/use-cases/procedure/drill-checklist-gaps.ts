import { queryAudit } from '../../store/audit-log.ts';
import { listChecklist } from '../../store/procedure-checklist-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { requireDrill } from '../drills/drill-parts.ts';

/** A checklist step of a drill incident that was done after its due time, or not done at all. */
export interface DrillChecklistGap {
  title: { nl: string; en: string };
  kind: 'late' | 'not_done';
  dueAt: Date | null;
  doneAt: Date | null;
}

/**
 * For the drill report: the checklist steps of the incidents opened during the drill that were
 * done late or not done. Read from the checklists themselves, so it needs no change to the
 * report's measures.
 */
export function drillChecklistGaps(ctx: UseCaseContext, caller: Caller, input: { drillId: number }): DrillChecklistGap[] {
  authorise(caller, 'drill.view');
  const drill = requireDrill(ctx.db, input.drillId);
  const opened = queryAudit(ctx.db, { action: 'incident_opened', drill: true, from: drill.startedAt, ...(drill.endedAt ? { to: new Date(drill.endedAt.getTime() + 1) } : {}) }, { limit: 500 }).entries;
  const incidentIds = [...new Set(opened.flatMap((entry) => (entry.subject ? [String(entry.subject.id)] : [])))].reverse();
  return incidentIds.flatMap((id) =>
    listChecklist(ctx.db, id, true).flatMap((step): DrillChecklistGap[] => {
      if (step.doneAt === null) return [{ title: step.title, kind: 'not_done', dueAt: step.dueAt, doneAt: null }];
      if (step.dueAt && step.doneAt.getTime() > step.dueAt.getTime()) return [{ title: step.title, kind: 'late', dueAt: step.dueAt, doneAt: step.doneAt }];
      return [];
    }),
  );
}
