import { auditActorOf, type Caller } from '../auth/signed-in-user.ts';
import { appendAudit } from '../store/audit-log.ts';
import { transaction } from '../store/database.ts';
import { setUserActive, type User } from '../store/user-repository.ts';
import type { AdminDeps } from './admin-deps.ts';
import { authoriseCaller } from './authorise-caller.ts';
import { findExistingUser } from './find-user.ts';

export function enableUser(deps: Pick<AdminDeps, 'db' | 'clock' | 'drill'>, caller: Caller, reference: { id: number } | { email: string }): User {
  authoriseCaller(caller, 'user.manage');
  const { db, clock } = deps;
  return transaction(db, () => {
    const user = findExistingUser(db, reference);
    const now = clock.now();
    if (!user.active) setUserActive(db, user.id, true, now);
    appendAudit(db, {
      actor: auditActorOf(caller),
      action: 'user_enabled',
      subject: { type: 'user', id: user.id },
      details: { email: user.email, wasActive: user.active },
      drill: deps.drill,
      at: now,
    });
    const { passwordHash: _passwordHash, ...rest } = user;
    return { ...rest, active: true, disabledAt: null };
  });
}
