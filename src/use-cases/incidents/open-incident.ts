import { z } from 'zod';
import { sanitiseText } from '../../content/serialise-content.ts';
import { newContentId, writeIncidentFile } from '../../content/write-content.ts';
import { ComponentStatusChangesSchema, ImpactSchema, IncidentSchema, invalidInput, localize, problem, ScopeSchema, TimestampSchema, TitleTextSchema, UpdateTextSchema, type Incident } from '../../domain/index.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';
import { auditedWrite, checkReferences, requireFuture, validateResult, type ContentChange, type ContentChangeOptions } from './content-change.ts';
import { insertIncidentManager } from '../../store/incident-managers-repository.ts';
import { requireIncidentManagerCandidate } from './incident-manager.ts';
import { instantiateChecklist } from '../procedure/checklist-at-opening.ts';
import { OpenIncidentStatusSchema, updateInput } from './incident-parts.ts';

export const OpenIncidentInputSchema = z.strictObject({
  title: TitleTextSchema,
  impact: ImpactSchema,
  /** The affected products and the status each is in now. */
  components: ComponentStatusChangesSchema.refine((changes) => Object.keys(changes).length > 0, problem('choose_product')),
  /** "all": every municipality using these products; or the chosen municipalities. */
  scope: ScopeSchema,
  workaround: UpdateTextSchema.optional(),
  status: OpenIncidentStatusSchema.default('investigating'),
  /** The first update's text. */
  body: UpdateTextSchema,
  next_update_at: TimestampSchema.optional(),
  /** When the outage began ("begon om 07:20"), when that was before now; by default the opening time. */
  started_at: TimestampSchema.optional(),
  /** The colleague (user id) who leads the incident; by default the person who opens it. */
  incident_manager: z.coerce.number().int().positive().optional(),
});
export type OpenIncidentInput = z.input<typeof OpenIncidentInputSchema>;

/**
 * Opens an incident: a new file named "<Amsterdam date>-<slug of the Dutch title>", never a
 * name from the input, in this context's content (a drill context's incidents stay in the drill
 * content), and asks for the page to be rebuilt. The incident manager (the opener unless another
 * colleague is named) is assigned in the same transaction. People open incidents through
 * proposePublicChange, which passes `awaitingApproval` unless the first notice may go at once.
 */
export function openIncident(ctx: UseCaseContext, caller: Caller, input: OpenIncidentInput, options: ContentChangeOptions & { awaitingApproval?: boolean } = {}): ContentChange & { kind: 'incident' } {
  authorise(caller, 'incident.manage');
  const parsed = parseInput(OpenIncidentInputSchema, input);
  const at = options.at ?? ctx.clock.now();
  requireFuture('next_update_at', parsed.next_update_at, at);
  if (parsed.started_at && parsed.started_at.getTime() > at.getTime()) throw invalidInput([{ field: 'started_at', code: 'must_not_be_future' }]);
  const components = Object.keys(parsed.components);
  checkReferences(ctx, { components, scope: parsed.scope });
  const dir = ctx.content.dir;

  const managerId = parsed.incident_manager ?? (caller.kind === 'user' ? caller.userId : undefined);

  return auditedWrite(ctx, caller, () => {
    const manager = managerId === undefined ? null : requireIncidentManagerCandidate(ctx.db, managerId, 'incident_manager');
    const title = sanitiseText(parsed.title);
    const id = newContentId(dir, 'incidents', at, localize(title, 'nl').text);
    const incident: Incident = validateResult(IncidentSchema, {
      id,
      title,
      impact: parsed.impact,
      components,
      scope: parsed.scope,
      ...(parsed.started_at && parsed.started_at.getTime() < at.getTime() ? { started_at: parsed.started_at.toISOString() } : {}),
      ...(parsed.workaround ? { workaround: sanitiseText(parsed.workaround) } : {}),
      drill: ctx.drill,
      // Left out of the public page until a colleague approves the opening (propose-public-change.ts).
      ...(options.awaitingApproval ? { awaiting_approval: true } : {}),
      updates: [updateInput(at, parsed)],
    });
    if (manager) insertIncidentManager(ctx.db, { incidentId: id, drill: ctx.drill, userId: manager.userId, assignedBy: caller.kind === 'user' ? caller.userId : null, at, note: null });
    // The storingsprocedure's steps for this impact become the incident's checklist.
    const checklist = instantiateChecklist(ctx, { id, impact: incident.impact }, at);
    return {
      audit: { action: 'incident_opened', kind: 'incident', id, at, details: { impact: incident.impact, components, scope: incident.scope, ...(manager ? { incident_manager: manager.name, incident_manager_user_id: manager.userId } : {}), checklist, ...options.auditDetails } },
      write: () => ({ kind: 'incident', action: 'incident_opened', id, drill: ctx.drill, file: writeIncidentFile(dir, incident), incident }),
    };
  });
}
