import { sessionExpiry, type SessionExpiry } from '../../auth/session-policy.ts';
import { hashSessionToken, looksLikeSessionToken } from '../../auth/session-token.ts';
import type { SignedInUser } from '../../auth/signed-in-user.ts';
import { deleteSession, findSession, touchSession } from '../../store/session-repository.ts';
import { findUserById } from '../../store/user-repository.ts';
import type { UseCaseContext } from '../context.ts';

export type SessionResolution =
  | { status: 'active'; user: SignedInUser }
  /** The browser had a session that ran out: the sign-in page can say so. */
  | { status: 'expired'; reason: Exclude<SessionExpiry, null> }
  | { status: 'none' };

/**
 * Turns a cookie token into the signed-in user, once per request. Expired sessions are removed
 * on sight; a valid one counts as activity and moves its idle deadline.
 */
export function resolveSession(ctx: UseCaseContext, token: string | null | undefined): SessionResolution {
  if (!token || !looksLikeSessionToken(token)) return { status: 'none' };
  const { db, clock } = ctx;
  const tokenHash = hashSessionToken(token);
  const session = findSession(db, tokenHash);
  if (!session) return { status: 'none' };
  const now = clock.now();
  const expiry = sessionExpiry(session, now);
  if (expiry) {
    deleteSession(db, tokenHash);
    return { status: 'expired', reason: expiry };
  }
  const user = findUserById(db, session.userId);
  if (!user || !user.active) {
    deleteSession(db, tokenHash);
    return { status: 'none' };
  }
  touchSession(db, tokenHash, now);
  return {
    status: 'active',
    user: {
      kind: 'user',
      userId: user.id,
      email: user.email,
      name: user.name,
      roles: user.roles,
      sessionId: tokenHash,
      sessionStartedAt: session.createdAt,
    },
  };
}
