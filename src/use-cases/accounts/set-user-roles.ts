import type { Role } from '../../auth/roles.ts';
import { Refusal } from '../../domain/index.ts';
import { transaction } from '../../store/database.ts';
import { countActiveUsersWithRole, findUserById, replaceUserRoles, type User } from '../../store/user-repository.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';
import { findExistingUser, withoutPassword } from './find-user.ts';
import { UserRolesSchema } from './user-input.ts';

/** Replaces a user's set of roles. The last active admin keeps the admin role. */
export function setUserRoles(ctx: UseCaseContext, caller: Caller, reference: { id: number } | { email: string }, roles: readonly string[]): User {
  authorise(caller, 'user.manage');
  const parsedRoles = parseInput(UserRolesSchema, roles) as Role[];
  return transaction(ctx.db, () => {
    const user = findExistingUser(ctx.db, reference);
    const losesAdmin = user.roles.includes('admin') && !parsedRoles.includes('admin');
    if (losesAdmin && user.active && countActiveUsersWithRole(ctx.db, 'admin') <= 1) throw new Refusal('last_admin');
    replaceUserRoles(ctx.db, user.id, parsedRoles);
    audit(ctx, caller, { action: 'user_roles_changed', subject: { type: 'user', id: user.id }, details: { email: user.email, from: user.roles, to: parsedRoles } });
    const updated = findUserById(ctx.db, user.id);
    if (!updated) throw new Error(`User ${user.id} vanished while changing roles.`);
    return withoutPassword(updated);
  });
}
