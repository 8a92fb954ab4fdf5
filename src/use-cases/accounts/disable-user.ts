import { Refusal } from '../../domain/index.ts';
import { transaction } from '../../store/database.ts';
import { deleteSessionsOfUser } from '../../store/session-repository.ts';
import { countActiveUsersWithRole, setUserActive, type User } from '../../store/user-repository.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { findExistingUser, withoutPassword } from './find-user.ts';

/**
 * Disables an account and ends all its sessions in the same write: someone who leaves, or whose
 * laptop is stolen, is out at once. The last active admin cannot be disabled from the admin UI
 * (that would lock everyone out of user management); the CLI on the server may.
 */
export function disableUser(ctx: UseCaseContext, caller: Caller, reference: { id: number } | { email: string }): User & { sessionsEnded: number } {
  authorise(caller, 'user.manage');
  return transaction(ctx.db, () => {
    const user = findExistingUser(ctx.db, reference);
    if (caller.kind === 'user' && caller.userId === user.id) throw new Refusal('own_account');
    if (caller.kind === 'user' && user.active && user.roles.includes('admin') && countActiveUsersWithRole(ctx.db, 'admin') <= 1) throw new Refusal('last_admin');
    const now = ctx.clock.now();
    if (user.active) setUserActive(ctx.db, user.id, false, now);
    const sessionsEnded = deleteSessionsOfUser(ctx.db, user.id);
    audit(ctx, caller, { action: 'user_disabled', subject: { type: 'user', id: user.id }, details: { email: user.email, sessionsEnded, wasActive: user.active }, at: now });
    return { ...withoutPassword(user), active: false, disabledAt: user.disabledAt ?? now, sessionsEnded };
  });
}
