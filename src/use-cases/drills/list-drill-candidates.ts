import { authorise, type Caller } from '../authorise.ts';
import { DRILL_ROLE_NEEDS, DRILL_ROLES, type DrillRole } from '../../domain/drill.ts';
import { listUsers } from '../../store/user-repository.ts';
import type { UseCaseContext } from '../context.ts';

/** Active colleagues who can play each drill role through the real screens, sorted by name. */
export function listDrillCandidates(ctx: UseCaseContext, caller: Caller): Record<DrillRole, Array<{ id: number; name: string }>> {
  authorise(caller, 'drill.view');
  const users = listUsers(ctx.db, { active: true }).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  return Object.fromEntries(
    DRILL_ROLES.map((role) => {
      const needed = DRILL_ROLE_NEEDS[role];
      return [role, users.filter((user) => needed === null || user.roles.includes(needed)).map((user) => ({ id: user.id, name: user.name }))];
    }),
  ) as Record<DrillRole, Array<{ id: number; name: string }>>;
}
