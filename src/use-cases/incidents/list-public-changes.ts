import { listPendingPublicChanges, listPublicChangesOf, type PublicChangeRecord } from '../../store/public-changes-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parsePublicChangeContent, type PublicChangeContent } from './public-change-content.ts';

/** An offered change with what it puts on the page, for the screens. */
export interface PublicChangeView extends PublicChangeRecord {
  offered: PublicChangeContent;
}

function view(record: PublicChangeRecord): PublicChangeView {
  return { ...record, offered: parsePublicChangeContent(record.content) };
}

/** Every offered change of one incident, oldest first: waiting, approved, rejected, voided. */
export function listPublicChangesOfIncident(ctx: UseCaseContext, caller: Caller, incidentId: string): PublicChangeView[] {
  authorise(caller, 'incident.view');
  return listPublicChangesOf(ctx.db, incidentId, ctx.drill).map(view);
}

/** Changes of this context that wait for an approver, oldest first (the dashboard's list). */
export function listWaitingPublicChanges(ctx: UseCaseContext, caller: Caller): PublicChangeView[] {
  authorise(caller, 'incident.view');
  return listPendingPublicChanges(ctx.db, ctx.drill).map(view);
}
