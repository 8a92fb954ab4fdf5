import { checkPasswordPolicy } from '../auth/password-policy.ts';
import { auditActorOf, type Caller } from '../auth/signed-in-user.ts';
import { appendAudit } from '../store/audit-log.ts';
import { transaction } from '../store/database.ts';
import { deleteSessionsOfUser } from '../store/session-repository.ts';
import { setUserPasswordHash } from '../store/user-repository.ts';
import type { AdminDeps } from './admin-deps.ts';
import { AdminError } from './admin-error.ts';
import { authoriseCaller } from './authorise-caller.ts';
import { findExistingUser } from './find-user.ts';

/**
 * Sets a new password for someone else (admin or CLI) and ends their sessions: whoever knew the
 * old password, or holds an old cookie, is out.
 */
export async function resetPassword(
  deps: AdminDeps,
  caller: Caller,
  reference: { id: number } | { email: string },
  password: string,
): Promise<{ sessionsEnded: number }> {
  authoriseCaller(caller, 'user.manage');
  const user = findExistingUser(deps.db, reference);
  const problems = checkPasswordPolicy(password, { email: user.email, name: user.name });
  if (problems.length > 0) {
    throw new AdminError('weak_password', problems.map((problem) => ({ field: 'password', message: `${problem.message.nl} (${problem.message.en})` })));
  }
  const passwordHash = await deps.hasher.hash(password);
  const { db, clock } = deps;
  return transaction(db, () => {
    const now = clock.now();
    setUserPasswordHash(db, user.id, passwordHash, now);
    const sessionsEnded = deleteSessionsOfUser(db, user.id);
    appendAudit(db, {
      actor: auditActorOf(caller),
      action: 'password_reset',
      subject: { type: 'user', id: user.id },
      details: { email: user.email, sessionsEnded },
      drill: deps.drill,
      at: now,
    });
    return { sessionsEnded };
  });
}
