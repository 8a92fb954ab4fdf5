import { transaction } from '../../store/database.ts';
import { recordAccountChange } from '../../store/account-changes-repository.ts';
import { deleteSessionsOfUser } from '../../store/session-repository.ts';
import { setUserPasswordHash } from '../../store/user-repository.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { findExistingUser } from './find-user.ts';
import { assertAcceptablePassword } from './password-problems.ts';

/**
 * Sets a new password for someone else (admin or CLI) and ends their sessions: whoever knew the
 * old password, or holds an old cookie, is out.
 */
export async function resetPassword(ctx: UseCaseContext, caller: Caller, reference: { id: number } | { email: string }, password: string): Promise<{ sessionsEnded: number }> {
  authorise(caller, 'user.manage');
  const user = findExistingUser(ctx.db, reference);
  assertAcceptablePassword(ctx, password, user);
  const passwordHash = await ctx.passwords.hasher.hash(password);
  return transaction(ctx.db, () => {
    const now = ctx.clock.now();
    setUserPasswordHash(ctx.db, user.id, passwordHash, now);
    recordAccountChange(ctx.db, { userId: user.id, by: caller.kind === 'user' ? caller.userId : null, change: 'password_reset', at: now });
    const sessionsEnded = deleteSessionsOfUser(ctx.db, user.id);
    audit(ctx, caller, { action: 'password_reset', subject: { type: 'user', id: user.id }, details: { email: user.email, sessionsEnded }, at: now });
    return { sessionsEnded };
  });
}
