import type { Role } from '../../auth/roles.ts';
import { Refusal } from '../../domain/index.ts';
import { transaction } from '../../store/database.ts';
import { recordAccountChange } from '../../store/account-changes-repository.ts';
import { countActiveUsersWithRole, findUserById, replaceUserRoles, type User } from '../../store/user-repository.ts';
import { audit } from '../audit.ts';
import { auditDutySeparationRefusal } from '../separation-of-duties.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';
import { findExistingUser, withoutPassword } from './find-user.ts';
import { UserRolesSchema } from './user-input.ts';

/**
 * Replaces a user's set of roles. The last active admin keeps the admin role, and nobody changes
 * their own roles: an admin who could make themselves approver would defeat four-eyes alone. A real
 * change is recorded as an account change (separation of duties: see approve-message).
 */
export function setUserRoles(ctx: UseCaseContext, caller: Caller, reference: { id: number } | { email: string }, roles: readonly string[]): User {
  authorise(caller, 'user.manage');
  const parsedRoles = parseInput(UserRolesSchema, roles) as Role[];
  const target = findExistingUser(ctx.db, reference);
  const losesAdmin = target.roles.includes('admin') && !parsedRoles.includes('admin');
  if (caller.kind === 'user' && caller.userId === target.id && !(losesAdmin && lastActiveAdmin(ctx, target))) {
    const refusal = new Refusal('own_account', { detail: 'own roles' });
    auditDutySeparationRefusal(ctx, caller, refusal, { type: 'user', id: target.id }, { from: target.roles, to: parsedRoles });
    throw refusal;
  }
  return transaction(ctx.db, () => {
    const user = findExistingUser(ctx.db, reference);
    if (losesAdmin && lastActiveAdmin(ctx, user)) throw new Refusal('last_admin');
    const changed = [...new Set(parsedRoles)].sort().join(',') !== [...user.roles].sort().join(',');
    const at = ctx.clock.now();
    replaceUserRoles(ctx.db, user.id, parsedRoles);
    if (changed) recordAccountChange(ctx.db, { userId: user.id, by: caller.kind === 'user' ? caller.userId : null, change: 'roles_changed', at });
    audit(ctx, caller, { action: 'user_roles_changed', subject: { type: 'user', id: user.id }, details: { email: user.email, from: user.roles, to: parsedRoles }, at });
    const updated = findUserById(ctx.db, user.id);
    if (!updated) throw new Error(`User ${user.id} vanished while changing roles.`);
    return withoutPassword(updated);
  });
}

function lastActiveAdmin(ctx: UseCaseContext, user: { active: boolean; roles: readonly Role[] }): boolean {
  return user.active && user.roles.includes('admin') && countActiveUsersWithRole(ctx.db, 'admin') <= 1;
}
