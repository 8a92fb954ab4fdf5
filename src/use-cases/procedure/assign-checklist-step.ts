import { z } from 'zod';
import { invalidInput, SlugSchema } from '../../domain/index.ts';
import { transaction } from '../../store/database.ts';
import { listChecklist, setChecklistStepOwner } from '../../store/procedure-checklist-repository.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { requireIncident } from '../incidents/incident-parts.ts';
import { parseInput } from '../parse-input.ts';
import { OptionalUserIdSchema, requireColleague } from './procedure-parts.ts';

export const AssignChecklistStepInputSchema = z.strictObject({
  id: SlugSchema,
  step: z.coerce.number().int().positive(),
  /** The colleague who takes the step on; empty: nobody in particular. */
  owner: OptionalUserIdSchema,
});
export type AssignChecklistStepInput = z.input<typeof AssignChecklistStepInputSchema>;

/** Gives a step of the incident's checklist to a colleague (or to nobody in particular). */
export function assignChecklistStep(ctx: UseCaseContext, caller: Caller, input: AssignChecklistStepInput): { owner: string | null } {
  authorise(caller, 'incident.manage');
  const parsed = parseInput(AssignChecklistStepInputSchema, input);
  const incident = requireIncident(ctx, parsed.id);
  return transaction(ctx.db, () => {
    const step = listChecklist(ctx.db, incident.id, ctx.drill).find((candidate) => candidate.id === parsed.step);
    if (!step) throw invalidInput([{ field: 'step', code: 'invalid' }]);
    const owner = parsed.owner ? requireColleague(ctx.db, parsed.owner, 'owner') : null;
    setChecklistStepOwner(ctx.db, { incidentId: incident.id, drill: ctx.drill, stepId: step.id, ownerUserId: owner?.userId ?? null });
    audit(ctx, caller, { action: 'checklist_step_owner_set', subject: { type: 'incident', id: incident.id }, details: { step: step.stepKey, title: step.title.nl, owner: owner?.name ?? null, owner_user_id: owner?.userId ?? null } });
    return { owner: owner?.name ?? null };
  });
}
