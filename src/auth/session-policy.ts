/** Ends a session left alone during a coffee break at a shared desk. */
export const SESSION_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** One working day, however active: a stolen cookie stops working by the next morning. */
export const SESSION_ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

export type SessionExpiry = 'idle' | 'absolute' | null;

/** Why a session is no longer valid at `now`, or null while it is. Pure, so tests need no clock. */
export function sessionExpiry(session: { createdAt: Date; lastSeenAt: Date }, now: Date): SessionExpiry {
  if (now.getTime() - session.createdAt.getTime() >= SESSION_ABSOLUTE_TIMEOUT_MS) return 'absolute';
  if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_TIMEOUT_MS) return 'idle';
  return null;
}
