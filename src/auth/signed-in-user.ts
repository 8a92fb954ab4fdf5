import type { Principal, Role } from './roles.ts';

/** The person behind a valid session, as every admin handler receives it. */
export interface SignedInUser extends Principal {
  kind: 'user';
  userId: number;
  email: string;
  name: string;
  roles: Role[];
  /** Identifies the session (hash of its token) without exposing the token. */
  sessionId: string;
  sessionStartedAt: Date;
}

/** Work done by the installation itself: the CLI, demo seeding, the dispatcher. */
export interface SystemCaller {
  kind: 'system';
  name: string;
}

export type Caller = SignedInUser | SystemCaller;
