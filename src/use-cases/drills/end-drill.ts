import { z } from 'zod';
import { Refusal } from '../../domain/index.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import { transaction } from '../../store/database.ts';
import { markDrillEnded } from '../../store/drills-repository.ts';
import { requireDrill } from './drill-parts.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';

export const EndDrillInputSchema = z.strictObject({ drill_id: z.coerce.number().int().positive() });
export type EndDrillInput = z.input<typeof EndDrillInputSchema>;

/**
 * Ends a drill: its window closes, so later drill actions are no longer on its timeline and a new
 * drill can start. Its incidents stay in the drill content (the report links to them).
 */
export function endDrill(ctx: UseCaseContext, caller: Caller, input: EndDrillInput): { endedAt: Date } {
  authorise(caller, 'drill.lead');
  const parsed = parseInput(EndDrillInputSchema, input);
  const at = ctx.clock.now();
  return transaction(ctx.db, () => {
    const drill = requireDrill(ctx.db, parsed.drill_id);
    if (!markDrillEnded(ctx.db, drill.id, at, caller.name)) {
      throw new Refusal('drill_ended', { detail: String(drill.id) });
    }
    audit(ctx, caller, { action: 'drill_ended', subject: { type: 'drill', id: drill.id }, details: { duration_minutes: Math.round((at.getTime() - drill.startedAt.getTime()) / 60_000) }, at });
    return { endedAt: at };
  });
}
