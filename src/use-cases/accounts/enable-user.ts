import { transaction } from '../../store/database.ts';
import { recordAccountChange } from '../../store/account-changes-repository.ts';
import { setUserActive, type User } from '../../store/user-repository.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { findExistingUser, withoutPassword } from './find-user.ts';

export function enableUser(ctx: UseCaseContext, caller: Caller, reference: { id: number } | { email: string }): User {
  authorise(caller, 'user.manage');
  return transaction(ctx.db, () => {
    const user = findExistingUser(ctx.db, reference);
    const now = ctx.clock.now();
    if (!user.active) {
      setUserActive(ctx.db, user.id, true, now);
      recordAccountChange(ctx.db, { userId: user.id, by: caller.kind === 'user' ? caller.userId : null, change: 'enabled', at: now });
    }
    audit(ctx, caller, { action: 'user_enabled', subject: { type: 'user', id: user.id }, details: { email: user.email, wasActive: user.active }, at: now });
    return { ...withoutPassword(user), active: true, disabledAt: null };
  });
}
