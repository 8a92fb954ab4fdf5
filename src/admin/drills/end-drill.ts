import { z } from 'zod';
import { auditActorOf, type Caller } from '../../auth/signed-in-user.ts';
import { appendAudit } from '../../store/audit-log.ts';
import { transaction } from '../../store/database.ts';
import { markDrillEnded } from '../../store/drills-repository.ts';
import { DrillError, authoriseDrill, type DrillDeps } from './drill-deps.ts';
import { parseDrillInput, requireDrill } from './drill-parts.ts';

export const EndDrillInputSchema = z.strictObject({ drill_id: z.coerce.number().int().positive() });
export type EndDrillInput = z.input<typeof EndDrillInputSchema>;

/**
 * Ends a drill: its window closes, so later drill actions are no longer on its timeline and a new
 * drill can start. Its incidents stay in the drill content (the report links to them).
 */
export function endDrill(deps: Pick<DrillDeps, 'db' | 'clock'>, caller: Caller, input: EndDrillInput): { endedAt: Date } {
  authoriseDrill(caller, 'drill.lead');
  const parsed = parseDrillInput(EndDrillInputSchema, input);
  const at = deps.clock.now();
  return transaction(deps.db, () => {
    const drill = requireDrill(deps.db, parsed.drill_id);
    if (!markDrillEnded(deps.db, drill.id, at, caller.name)) {
      throw new DrillError('drill_ended', [{ field: 'drill_id', message: `oefening ${drill.id} is al beëindigd (already ended)` }]);
    }
    appendAudit(deps.db, {
      actor: auditActorOf(caller),
      action: 'drill_ended',
      subject: { type: 'drill', id: drill.id },
      details: { duration_minutes: Math.round((at.getTime() - drill.startedAt.getTime()) / 60_000) },
      drill: true,
      at,
    });
    return { endedAt: at };
  });
}
