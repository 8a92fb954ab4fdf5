import { isOverdue, type Incident } from '../../domain/index.ts';
import { listChecklist, listWarRoomEntries, type ChecklistStep, type WarRoomEntry } from '../../store/procedure-checklist-repository.ts';
import { listUsers } from '../../store/user-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

export type { ChecklistStep, WarRoomEntry };

/** An incident's checklist and war-room log, each item marked overdue when its due time passed undone. */
export interface IncidentProcedure {
  checklist: (ChecklistStep & { overdue: boolean })[];
  actions: (WarRoomEntry & { overdue: boolean })[];
  notes: WarRoomEntry[];
  /** Colleagues a step or action can be given to: every active account, by name. */
  colleagues: { userId: number; name: string }[];
  now: Date;
}

/** Everyone signed in may read the procedure of an incident; it is internal and never published. */
export function getIncidentProcedure(ctx: UseCaseContext, caller: Caller, incident: Pick<Incident, 'id'>): IncidentProcedure {
  authorise(caller, 'incident.view');
  const now = ctx.clock.now();
  const entries = listWarRoomEntries(ctx.db, incident.id, ctx.drill);
  return {
    checklist: listChecklist(ctx.db, incident.id, ctx.drill).map((step) => ({ ...step, overdue: isOverdue(step, now) })),
    actions: entries.filter((entry) => entry.kind === 'action').map((entry) => ({ ...entry, overdue: isOverdue(entry, now) })),
    notes: entries.filter((entry) => entry.kind === 'note'),
    colleagues: listUsers(ctx.db, { active: true })
      .map((user) => ({ userId: user.id, name: user.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    now,
  };
}
