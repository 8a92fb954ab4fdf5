import { randomUUID } from 'node:crypto';
import { Refusal } from '../../domain/index.ts';
import { transaction } from '../../store/database.ts';
import { insertPublicChange } from '../../store/public-changes-repository.ts';
import { queueApprovalWaitingMail } from '../approval-waiting-mail.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller, type SignedInUser } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';
import { ChangeIncidentInputSchema, shapeChange, type ChangeIncidentInput } from './change-incident.ts';
import { checkReferences, requireFuture } from './content-change.ts';
import { requireIncident, requireUnresolved } from './incident-parts.ts';
import { openIncident, type OpenIncidentInput } from './open-incident.ts';
import { PostIncidentUpdateInputSchema, type PostIncidentUpdateInput } from './post-incident-update.ts';
import { canonicalPublicChange, openingContent, type PublicChangeContent } from './public-change-content.ts';
import { ResolveIncidentInputSchema, type ResolveIncidentInput } from './resolve-incident.ts';
import { MergeIncidentInputSchema, requireMergeable, type MergeIncidentInput } from './merge-incident.ts';

export type PublicChangeProposal =
  | { kind: 'open'; input: OpenIncidentInput }
  | { kind: 'update'; input: PostIncidentUpdateInput }
  | { kind: 'change'; input: ChangeIncidentInput }
  | { kind: 'resolve'; input: ResolveIncidentInput }
  | { kind: 'merge'; input: MergeIncidentInput };

export interface ProposedPublicChange {
  changeId: string;
  incidentId: string;
  /** awaiting_approval: nothing is public yet; at_once: the first notice is on the page, to be reviewed. */
  outcome: 'awaiting_approval' | 'at_once';
  hash: string;
}

/**
 * Whether this person's first "we are investigating" notice of an incident they lead may go on
 * the page at once: only when the installation allows it (HELDER_FIRST_NOTICE_AT_ONCE) and only
 * for someone with the incident manager role. Screens use it to say what will happen.
 */
export function mayPublishFirstNoticeAtOnce(ctx: Pick<UseCaseContext, 'config'>, caller: Caller): boolean {
  return ctx.config.approval.firstNoticeAtOnce && caller.kind === 'user' && caller.roles.includes('incident_manager');
}

/**
 * Offers a change of the public page for approval (issue 11, item 4): opening an incident, an
 * update, a change of its shape, its resolution. Nothing of it reaches the page until a colleague
 * approves exactly this content (approve-public-change.ts). An opening is written at once as an
 * incident the public gate leaves out (awaiting_approval), so the admin can work on it — its
 * incident manager is assigned — while the public page does not show it. The one exception: an
 * incident manager's own first "investigating" notice when the installation allows it; that goes
 * on the page now, is audited and marked, and waits for a review afterwards.
 */
export function proposePublicChange(ctx: UseCaseContext, caller: SignedInUser, proposal: PublicChangeProposal, options: { auditDetails?: Record<string, unknown> } = {}): ProposedPublicChange {
  authorise(caller, 'incident.manage');
  const at = ctx.clock.now();
  const changeId = (ctx.newId ?? randomUUID)();
  if (proposal.kind === 'open') {
    const managerId = proposal.input.incident_manager === undefined ? caller.userId : Number(proposal.input.incident_manager);
    const atOnce = mayPublishFirstNoticeAtOnce(ctx, caller) && (proposal.input.status ?? 'investigating') === 'investigating' && managerId === caller.userId;
    const proposed = transaction(ctx.db, (): ProposedPublicChange => {
      const opened = openIncident(ctx, caller, proposal.input, { at, awaitingApproval: !atOnce, auditDetails: { public_change: changeId, ...(atOnce ? { at_once: true } : { awaiting_approval: true }), ...options.auditDetails } });
      const { canonical, hash } = canonicalPublicChange(openingContent(opened.incident));
      record(ctx, caller, { changeId, incidentId: opened.id, kind: 'open', canonical, hash, at, atOnce });
      queueApprovalWaitingMail(ctx, { kind: atOnce ? 'review' : 'change', changeId, incidentId: opened.id, title: opened.incident.title, authorId: caller.userId, authorName: caller.name });
      return { changeId, incidentId: opened.id, outcome: atOnce ? 'at_once' : 'awaiting_approval', hash };
    });
    ctx.mail.wake();
    return proposed;
  }
  // Checked now, so the composer hears of a mistake before an approver spends time on it; the
  // verb checks everything once more when the approval applies it.
  const content = checkedContent(ctx, proposal, at);
  const { canonical, hash } = canonicalPublicChange(content);
  const title = requireIncident(ctx, content.incident).title;
  const proposed = transaction(ctx.db, (): ProposedPublicChange => {
    record(ctx, caller, { changeId, incidentId: content.incident, kind: proposal.kind, canonical, hash, at, atOnce: false });
    queueApprovalWaitingMail(ctx, { kind: 'change', changeId, incidentId: content.incident, title, authorId: caller.userId, authorName: caller.name });
    return { changeId, incidentId: content.incident, outcome: 'awaiting_approval', hash };
  });
  ctx.mail.wake();
  return proposed;
}

function checkedContent(ctx: UseCaseContext, proposal: Exclude<PublicChangeProposal, { kind: 'open' }>, at: Date): PublicChangeContent {
  if (proposal.kind === 'merge') {
    const { duplicate } = requireMergeable(ctx, parseInput(MergeIncidentInputSchema, proposal.input));
    return { kind: 'merge', incident: duplicate.id, drill: ctx.drill, input: JSON.parse(JSON.stringify(proposal.input)) };
  }
  const id = proposal.kind === 'update' ? parseInput(PostIncidentUpdateInputSchema, proposal.input).id : proposal.kind === 'change' ? parseInput(ChangeIncidentInputSchema, proposal.input).id : parseInput(ResolveIncidentInputSchema, proposal.input).id;
  const incident = requireIncident(ctx, id);
  requireUnresolved(incident);
  // A field's problem first: the person can fix it while the opening is still being approved.
  if (proposal.kind === 'update') requireFuture('next_update_at', parseInput(PostIncidentUpdateInputSchema, proposal.input).next_update_at, at);
  if (incident.awaiting_approval) throw new Refusal('incident_awaiting_approval', { detail: incident.id });
  if (proposal.kind === 'change') {
    const parsed = parseInput(ChangeIncidentInputSchema, proposal.input);
    checkReferences(ctx, { components: parsed.components, scope: parsed.scope });
    shapeChange(incident, parsed);
  }
  // The input as typed (plain JSON: texts, ids, ISO times), exactly what the verb receives at approval.
  return { kind: proposal.kind, incident: incident.id, drill: ctx.drill, input: JSON.parse(JSON.stringify(proposal.input)) } as PublicChangeContent;
}

function record(
  ctx: UseCaseContext,
  caller: SignedInUser,
  change: { changeId: string; incidentId: string; kind: PublicChangeProposal['kind']; canonical: string; hash: string; at: Date; atOnce: boolean },
): void {
  insertPublicChange(ctx.db, { id: change.changeId, incidentId: change.incidentId, drill: ctx.drill, kind: change.kind, content: change.canonical, contentHash: change.hash, authorId: caller.userId, at: change.at, atOnce: change.atOnce });
  audit(ctx, caller, {
    action: change.atOnce ? 'public_change_at_once' : 'public_change_proposed',
    subject: { type: 'public_change', id: change.changeId },
    details: { kind: change.kind, incident: change.incidentId, hash: change.hash },
    at: change.at,
  });
}
