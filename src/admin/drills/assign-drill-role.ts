import { z } from 'zod';
import { ROLE_LABELS } from '../../auth/roles.ts';
import { auditActorOf, type Caller } from '../../auth/signed-in-user.ts';
import { DRILL_ROLE_LABELS, DRILL_ROLE_NEEDS, DRILL_ROLES, type DrillRole } from '../../domain/drill.ts';
import { appendAudit } from '../../store/audit-log.ts';
import { transaction, type Database } from '../../store/database.ts';
import { upsertDrillRole } from '../../store/drills-repository.ts';
import { findUserById } from '../../store/user-repository.ts';
import { DrillError, authoriseDrill, type DrillDeps } from './drill-deps.ts';
import { parseDrillInput, requireRunningDrill } from './drill-parts.ts';

export const AssignDrillRoleInputSchema = z.strictObject({
  drill_id: z.coerce.number().int().positive(),
  role: z.enum(DRILL_ROLES, `kies een rol: ${DRILL_ROLES.join(', ')} (choose a role)`),
  user_id: z.coerce.number().int().positive('kies een collega (choose a colleague)'),
});
export type AssignDrillRoleInput = z.input<typeof AssignDrillRoleInputSchema>;

/** Records who plays a role in a running drill; a later assignment of the same role replaces it. */
export function assignDrillRole(deps: Pick<DrillDeps, 'db' | 'clock'>, caller: Caller, input: AssignDrillRoleInput): void {
  authoriseDrill(caller, 'drill.lead');
  const parsed = parseDrillInput(AssignDrillRoleInputSchema, input);
  const at = deps.clock.now();
  transaction(deps.db, () => {
    requireRunningDrill(deps.db, parsed.drill_id);
    recordDrillRole(deps.db, caller, { drillId: parsed.drill_id, role: parsed.role, userId: parsed.user_id, at });
  });
}

/**
 * Checks the person can play the role through the real screens (the composer must be able to
 * compose, the approver to approve), then stores and audits it. Call inside a transaction.
 */
export function recordDrillRole(db: Database, caller: Caller, assignment: { drillId: number; role: DrillRole; userId: number; at: Date }): void {
  const user = findUserById(db, assignment.userId);
  const field = `roles.${assignment.role}`;
  if (!user || !user.active) throw new DrillError('invalid_input', [{ field, message: `geen actieve gebruiker met id ${assignment.userId} (no such active user)` }]);
  const needed = DRILL_ROLE_NEEDS[assignment.role];
  if (needed && !user.roles.includes(needed)) {
    throw new DrillError('invalid_input', [
      {
        field,
        message: `${user.name} kan geen ${DRILL_ROLE_LABELS[assignment.role].nl.toLowerCase()} zijn: daarvoor is de rol ${ROLE_LABELS[needed].nl.toLowerCase()} nodig (needs the ${needed} role)`,
      },
    ]);
  }
  upsertDrillRole(db, assignment.drillId, { role: assignment.role, userId: user.id, userName: user.name, assignedAt: assignment.at, assignedByName: caller.name });
  appendAudit(db, {
    actor: auditActorOf(caller),
    action: 'drill_role_assigned',
    subject: { type: 'drill', id: assignment.drillId },
    details: { role: assignment.role, user_id: user.id, user_name: user.name },
    drill: true,
    at: assignment.at,
  });
}
