import type { Clock } from '../auth/clock.ts';
import type { PasswordHasher } from '../auth/password-hasher.ts';
import type { Database } from '../store/database.ts';

/** What the user and sign-in use cases need from outside; built once at the composition root. */
export interface AdminDeps {
  db: Database;
  hasher: PasswordHasher;
  clock: Clock;
  /** HELDER_MODE=drill: every audit entry this instance writes is marked as drill. */
  drill?: boolean;
}
