import { auditActorOf, type Caller } from '../auth/signed-in-user.ts';
import { appendAudit } from '../store/audit-log.ts';
import { transaction } from '../store/database.ts';
import { deleteSessionsOfUser } from '../store/session-repository.ts';
import { countActiveUsersWithRole, setUserActive, type User } from '../store/user-repository.ts';
import type { AdminDeps } from './admin-deps.ts';
import { AdminError } from './admin-error.ts';
import { authoriseCaller } from './authorise-caller.ts';
import { findExistingUser } from './find-user.ts';

/**
 * Disables an account and ends all its sessions in the same write: someone who leaves, or whose
 * laptop is stolen, is out at once. The last active admin cannot be disabled from the admin UI
 * (that would lock everyone out of user management); the CLI on the server may.
 */
export function disableUser(deps: Pick<AdminDeps, 'db' | 'clock' | 'drill'>, caller: Caller, reference: { id: number } | { email: string }): User & { sessionsEnded: number } {
  authoriseCaller(caller, 'user.manage');
  const { db, clock } = deps;
  return transaction(db, () => {
    const user = findExistingUser(db, reference);
    if (caller.kind === 'user' && caller.userId === user.id) {
      throw new AdminError('own_account', [{ field: 'id', message: 'U kunt uw eigen account niet uitschakelen (you cannot disable your own account).' }]);
    }
    if (caller.kind === 'user' && user.active && user.roles.includes('admin') && countActiveUsersWithRole(db, 'admin') <= 1) {
      throw new AdminError('last_admin', [{ field: 'id', message: 'Dit is de laatste actieve beheerder (this is the last active admin).' }]);
    }
    const now = clock.now();
    if (user.active) setUserActive(db, user.id, false, now);
    const sessionsEnded = deleteSessionsOfUser(db, user.id);
    appendAudit(db, {
      actor: auditActorOf(caller),
      action: 'user_disabled',
      subject: { type: 'user', id: user.id },
      details: { email: user.email, sessionsEnded, wasActive: user.active },
      drill: deps.drill,
      at: now,
    });
    const { passwordHash: _passwordHash, ...rest } = user;
    return { ...rest, active: false, disabledAt: user.disabledAt ?? now, sessionsEnded };
  });
}
