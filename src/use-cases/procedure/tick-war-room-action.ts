import { z } from 'zod';
import { invalidInput, SlugSchema } from '../../domain/index.ts';
import { transaction } from '../../store/database.ts';
import { setWarRoomActionDone } from '../../store/procedure-checklist-repository.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { requireIncident } from '../incidents/incident-parts.ts';
import { parseInput } from '../parse-input.ts';
import { DoneSchema, tickerOf } from './procedure-parts.ts';

export const TickWarRoomActionInputSchema = z.strictObject({
  id: SlugSchema,
  action: z.coerce.number().int().positive(),
  done: DoneSchema,
});
export type TickWarRoomActionInput = z.input<typeof TickWarRoomActionInputSchema>;

/** Marks an action of the war-room log done (who and when are kept) or not done again. */
export function tickWarRoomAction(ctx: UseCaseContext, caller: Caller, input: TickWarRoomActionInput): { done: boolean } {
  authorise(caller, 'incident.manage');
  const parsed = parseInput(TickWarRoomActionInputSchema, input);
  const incident = requireIncident(ctx, parsed.id);
  const by = tickerOf(caller);
  return transaction(ctx.db, () => {
    const at = ctx.clock.now();
    if (!setWarRoomActionDone(ctx.db, { incidentId: incident.id, drill: ctx.drill, entryId: parsed.action, done: parsed.done ? { by, at } : null })) throw invalidInput([{ field: 'action', code: 'invalid' }]);
    audit(ctx, caller, { action: parsed.done ? 'war_room_action_done' : 'war_room_action_undone', subject: { type: 'incident', id: incident.id }, details: { entry: parsed.action }, at });
    return { done: parsed.done };
  });
}
