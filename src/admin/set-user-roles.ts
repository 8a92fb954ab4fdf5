import { auditActorOf, type Caller } from '../auth/signed-in-user.ts';
import type { Role } from '../auth/roles.ts';
import { appendAudit } from '../store/audit-log.ts';
import { transaction } from '../store/database.ts';
import { countActiveUsersWithRole, findUserById, replaceUserRoles, type User } from '../store/user-repository.ts';
import type { AdminDeps } from './admin-deps.ts';
import { AdminError } from './admin-error.ts';
import { authoriseCaller } from './authorise-caller.ts';
import { findExistingUser } from './find-user.ts';
import { parseInput, UserRolesSchema } from './user-input.ts';

/** Replaces a user's set of roles. The last active admin keeps the admin role. */
export function setUserRoles(
  deps: Pick<AdminDeps, 'db' | 'clock' | 'drill'>,
  caller: Caller,
  reference: { id: number } | { email: string },
  roles: readonly string[],
): User {
  authoriseCaller(caller, 'user.manage');
  const parsedRoles = parseInput(UserRolesSchema, roles) as Role[];
  const { db, clock } = deps;
  return transaction(db, () => {
    const user = findExistingUser(db, reference);
    const losesAdmin = user.roles.includes('admin') && !parsedRoles.includes('admin');
    if (losesAdmin && user.active && countActiveUsersWithRole(db, 'admin') <= 1) {
      throw new AdminError('last_admin', [{ field: 'roles', message: 'Dit is de laatste actieve beheerder (this is the last active admin).' }]);
    }
    replaceUserRoles(db, user.id, parsedRoles);
    appendAudit(db, {
      actor: auditActorOf(caller),
      action: 'user_roles_changed',
      subject: { type: 'user', id: user.id },
      details: { email: user.email, from: user.roles, to: parsedRoles },
      drill: deps.drill,
      at: clock.now(),
    });
    const updated = findUserById(db, user.id);
    if (!updated) throw new Error(`User ${user.id} vanished while changing roles.`);
    const { passwordHash: _passwordHash, ...rest } = updated;
    return rest;
  });
}
