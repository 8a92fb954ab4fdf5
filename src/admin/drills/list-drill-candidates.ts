import type { Caller } from '../../auth/signed-in-user.ts';
import { DRILL_ROLE_NEEDS, DRILL_ROLES, type DrillRole } from '../../domain/drill.ts';
import type { Database } from '../../store/database.ts';
import { listUsers } from '../../store/user-repository.ts';
import { authoriseDrill } from './drill-deps.ts';

/** Active colleagues who can play each drill role through the real screens, sorted by name. */
export function listDrillCandidates(deps: { db: Database }, caller: Caller): Record<DrillRole, Array<{ id: number; name: string }>> {
  authoriseDrill(caller, 'drill.view');
  const users = listUsers(deps.db, { active: true }).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  return Object.fromEntries(
    DRILL_ROLES.map((role) => {
      const needed = DRILL_ROLE_NEEDS[role];
      return [role, users.filter((user) => needed === null || user.roles.includes(needed)).map((user) => ({ id: user.id, name: user.name }))];
    }),
  ) as Record<DrillRole, Array<{ id: number; name: string }>>;
}
