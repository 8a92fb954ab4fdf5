import { z } from 'zod';
import { Refusal } from '../../domain/index.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import { transaction } from '../../store/database.ts';
import { markDrillEnded } from '../../store/drills-repository.ts';
import { closeAlert, listOpenAlerts } from '../../store/signals-repository.ts';
import { requireDrill } from './drill-parts.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';

export const EndDrillInputSchema = z.strictObject({ drill_id: z.coerce.number().int().positive() });
export type EndDrillInput = z.input<typeof EndDrillInputSchema>;

/**
 * Ends a drill: its window closes, so later drill actions are no longer on its timeline and a new
 * drill can start. Its incidents stay in the drill content (the report links to them). Drill
 * alerts still open close with it, so the next drill's signals raise an alert of their own.
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
    for (const alert of listOpenAlerts(ctx.db, ctx.drill)) {
      if (closeAlert(ctx.db, alert.id, { at, byName: caller.name, reason: 'handled', incidentId: null })) {
        audit(ctx, caller, { action: 'signal_alert_closed', subject: { type: 'signal_alert', id: alert.id }, details: { product: alert.product, reason: 'handled', drill_ended: drill.id }, at });
      }
    }
    audit(ctx, caller, { action: 'drill_ended', subject: { type: 'drill', id: drill.id }, details: { duration_minutes: Math.round((at.getTime() - drill.startedAt.getTime()) / 60_000) }, at });
    return { endedAt: at };
  });
}
