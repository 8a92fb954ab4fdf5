import type { PublishStatus } from '../../publish/create-publisher.ts';
import { listMessages, type MessageSummary } from '../../store/messages-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { contentProblemsOf, type ContentProblem } from '../content/content-problems.ts';
import { listIncidents, type IncidentRow } from '../incidents/list-incidents.ts';

export interface Dashboard {
  openIncidents: IncidentRow[];
  /** Open incidents whose promised next update has passed. */
  overdue: IncidentRow[];
  awaitingApproval: MessageSummary[];
  /** Approved but not (yet) on the status page: their publication failed or is under way. */
  unpublished: MessageSummary[];
  publication: PublishStatus;
  /** What is wrong in the content folder when it does not load; empty when it does. */
  contentProblems: readonly ContentProblem[];
}

/** The first screen after signing in: what is going on and what waits for someone. */
export function getDashboard(ctx: UseCaseContext, caller: Caller): Dashboard {
  authorise(caller, 'dashboard.view');
  // A broken content file must not take the first screen down: it says what to fix instead, and
  // everything the database knows (approvals, publication) stays visible.
  let rows: IncidentRow[] = [];
  let contentProblems: readonly ContentProblem[] = [];
  try {
    rows = listIncidents(ctx, caller);
  } catch (error) {
    const problems = contentProblemsOf(error);
    if (!problems) throw error;
    contentProblems = problems;
  }
  const open = rows.filter((row) => row.times.status !== 'resolved');
  return {
    openIncidents: open,
    overdue: open.filter((row) => row.overdueMinutes !== null),
    awaitingApproval: listMessages(ctx.db, { states: ['submitted'], limit: 50 }),
    unpublished: listMessages(ctx.db, { states: ['approved'], limit: 50 }),
    publication: ctx.publisher.status(),
    contentProblems,
  };
}
