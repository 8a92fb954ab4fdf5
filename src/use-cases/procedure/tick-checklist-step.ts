import { z } from 'zod';
import { invalidInput, SlugSchema } from '../../domain/index.ts';
import { transaction } from '../../store/database.ts';
import { listChecklist, setChecklistStepDone } from '../../store/procedure-checklist-repository.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { requireIncident } from '../incidents/incident-parts.ts';
import { parseInput } from '../parse-input.ts';
import { DoneSchema, tickerOf } from './procedure-parts.ts';

export const TickChecklistStepInputSchema = z.strictObject({
  id: SlugSchema,
  step: z.coerce.number().int().positive(),
  done: DoneSchema,
});
export type TickChecklistStepInput = z.input<typeof TickChecklistStepInputSchema>;

/** Ticks a step of the incident's checklist as done (who and when are kept), or takes the tick back. */
export function tickChecklistStep(ctx: UseCaseContext, caller: Caller, input: TickChecklistStepInput): { title: string; done: boolean } {
  authorise(caller, 'incident.manage');
  const parsed = parseInput(TickChecklistStepInputSchema, input);
  const incident = requireIncident(ctx, parsed.id);
  const by = tickerOf(caller);
  return transaction(ctx.db, () => {
    const step = listChecklist(ctx.db, incident.id, ctx.drill).find((candidate) => candidate.id === parsed.step);
    if (!step) throw invalidInput([{ field: 'step', code: 'invalid' }]);
    const at = ctx.clock.now();
    setChecklistStepDone(ctx.db, { incidentId: incident.id, drill: ctx.drill, stepId: step.id, done: parsed.done ? { by, at } : null });
    audit(ctx, caller, {
      action: parsed.done ? 'checklist_step_done' : 'checklist_step_undone',
      subject: { type: 'incident', id: incident.id },
      details: { step: step.stepKey, title: step.title.nl, ...(step.dueAt ? { due_at: step.dueAt.toISOString(), late: parsed.done && at.getTime() > step.dueAt.getTime() } : {}) },
      at,
    });
    return { title: step.title.nl, done: parsed.done };
  });
}
