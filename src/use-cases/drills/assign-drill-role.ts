import { z } from 'zod';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import { DRILL_ROLE_NEEDS, DRILL_ROLES, type DrillRole } from '../../domain/drill.ts';
import { invalidInput, problem } from '../../domain/index.ts';
import { transaction } from '../../store/database.ts';
import { upsertDrillRole } from '../../store/drills-repository.ts';
import { findUserById } from '../../store/user-repository.ts';
import { requireRunningDrill } from './drill-parts.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';

export const AssignDrillRoleInputSchema = z.strictObject({
  drill_id: z.coerce.number().int().positive(),
  role: z.enum(DRILL_ROLES),
  user_id: z.coerce.number().int().positive(problem('choose_colleague')),
});
export type AssignDrillRoleInput = z.input<typeof AssignDrillRoleInputSchema>;

/** Records who plays a role in a running drill; a later assignment of the same role replaces it. */
export function assignDrillRole(ctx: UseCaseContext, caller: Caller, input: AssignDrillRoleInput): void {
  authorise(caller, 'drill.lead');
  const parsed = parseInput(AssignDrillRoleInputSchema, input);
  const at = ctx.clock.now();
  transaction(ctx.db, () => {
    requireRunningDrill(ctx.db, parsed.drill_id);
    recordDrillRole(ctx, caller, { drillId: parsed.drill_id, role: parsed.role, userId: parsed.user_id, at });
  });
}

/**
 * Checks the person can play the role through the real screens (the composer must be able to
 * compose, the approver to approve), then stores and audits it. Call inside a transaction.
 */
export function recordDrillRole(ctx: UseCaseContext, caller: Caller, assignment: { drillId: number; role: DrillRole; userId: number; at: Date }): void {
  const user = findUserById(ctx.db, assignment.userId);
  const field = `roles.${assignment.role}`;
  if (!user || !user.active) throw invalidInput([{ field, code: 'unknown_user' }]);
  const needed = DRILL_ROLE_NEEDS[assignment.role];
  if (needed && !user.roles.includes(needed)) {
    throw invalidInput([{ field, code: 'role_lacks_right', params: { role: assignment.role, needs: needed } }]);
  }
  upsertDrillRole(ctx.db, assignment.drillId, { role: assignment.role, userId: user.id, userName: user.name, assignedAt: assignment.at, assignedByName: caller.name });
  audit(ctx, caller, { action: 'drill_role_assigned', subject: { type: 'drill', id: assignment.drillId }, details: { role: assignment.role, user_id: user.id, user_name: user.name }, at: assignment.at });
}
