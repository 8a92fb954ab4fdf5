import { z } from 'zod';
import { invalidInput, SlugSchema } from '../../domain/index.ts';
import { transaction } from '../../store/database.ts';
import { insertIncidentManager, listIncidentManagers } from '../../store/incident-managers-repository.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';
import { requireIncidentManagerCandidate } from './incident-manager.ts';
import { requireIncident, requireUnresolved } from './incident-parts.ts';

export const HandOverIncidentInputSchema = z.strictObject({
  id: SlugSchema,
  /** The colleague who leads the incident from now on. */
  to: z.coerce.number().int().positive(),
  /** What the next incident manager needs to know: where things stand, what was promised. */
  note: z.string().trim().min(5).max(2000),
});
export type HandOverIncidentInput = z.input<typeof HandOverIncidentInputSchema>;

/**
 * Hands the incident manager role of an open incident to a colleague, with a note. Anyone who may
 * manage incidents may do it (the manager going off shift, or a colleague taking over from one who
 * cannot be reached); the audit log and the incident's history say who did.
 */
export function handOverIncident(ctx: UseCaseContext, caller: Caller, input: HandOverIncidentInput): { from: string | null; to: string } {
  authorise(caller, 'incident.manage');
  const parsed = parseInput(HandOverIncidentInputSchema, input);
  const incident = requireIncident(ctx, parsed.id);
  requireUnresolved(incident);
  return transaction(ctx.db, () => {
    const to = requireIncidentManagerCandidate(ctx.db, parsed.to, 'to');
    const current = listIncidentManagers(ctx.db, incident.id, ctx.drill).at(-1) ?? null;
    if (current?.userId === to.userId) throw invalidInput([{ field: 'to', code: 'already_incident_manager' }]);
    const at = ctx.clock.now();
    insertIncidentManager(ctx.db, { incidentId: incident.id, drill: ctx.drill, userId: to.userId, assignedBy: caller.kind === 'user' ? caller.userId : null, at, note: parsed.note });
    audit(ctx, caller, {
      action: 'incident_manager_handed_over',
      subject: { type: 'incident', id: incident.id },
      // `role` and `user_name` let a drill's timeline show the handover as a role assignment.
      details: { from: current?.userName ?? null, from_user_id: current?.userId ?? null, to: to.name, to_user_id: to.userId, note: parsed.note, role: 'incident_manager', user_name: to.name },
      at,
    });
    return { from: current?.userName ?? null, to: to.name };
  });
}

