import { hashSessionToken } from '../../auth/session-token.ts';
import { audit } from '../audit.ts';
import { transaction } from '../../store/database.ts';
import { deleteSessionsOfUser, findSession } from '../../store/session-repository.ts';
import { findUserById } from '../../store/user-repository.ts';
import type { UseCaseContext } from '../context.ts';

/**
 * Ends ALL sessions of the person whose token this is, not only this browser's: "sign out"
 * after a lost laptop or a shared desk must leave nothing behind. Returns how many ended.
 */
export function signOut(ctx: UseCaseContext, token: string | null | undefined): number {
  if (!token) return 0;
  const { db } = ctx;
  return transaction(db, () => {
    const session = findSession(db, hashSessionToken(token));
    if (!session) return 0;
    const user = findUserById(db, session.userId);
    const ended = deleteSessionsOfUser(db, session.userId);
    audit(ctx, { kind: 'user', userId: session.userId, name: user?.name ?? `#${session.userId}` }, { action: 'sign_out', subject: { type: 'user', id: session.userId }, details: { sessionsEnded: ended } });
    return ended;
  });
}
