import { isIP } from 'node:net';
import type { Database } from '../../store/database.ts';
import { transaction } from '../../store/database.ts';
import {
  deleteSignInAttempt,
  deleteSignInAttemptsBefore,
  deleteSignInAttemptsOfAccount,
  insertSignInAttempt,
  recentSignInAttempts,
  type AttemptKeys,
} from '../../store/sign-in-attempt-repository.ts';

export interface ThrottlePolicy {
  /** Failures allowed per key inside the window; the next attempt is refused. */
  maxFailures: number;
  windowMs: number;
}

export const SIGN_IN_THROTTLE: ThrottlePolicy = { maxFailures: 10, windowMs: 15 * 60 * 1000 };

/**
 * The account key is the typed e-mail, not a user id: unknown addresses are throttled exactly
 * like real ones, so the throttle cannot be used to find out which accounts exist.
 */
export function throttleKeys(email: string, clientAddress: string): AttemptKeys {
  return { accountKey: email.trim().toLowerCase(), addressKey: addressKey(clientAddress) };
}

/**
 * IPv6 users get a whole /64 from their provider and can rotate within it at will, so the /64
 * is the address we count. IPv4-mapped IPv6 ("::ffff:192.0.2.7") counts as the IPv4 address.
 */
export function addressKey(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(trimmed);
  if (mapped?.[1]) return mapped[1];
  if (isIP(trimmed) !== 6) return trimmed;
  return `${expandIpv6(trimmed).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const withoutZone = address.split('%')[0] ?? address;
  const [head = '', tail] = withoutZone.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array.from({ length: Math.max(missing, 0) }, () => '0'), ...tailGroups];
  return groups.map((group) => group.replace(/^0+(?=.)/, ''));
}

export type AttemptAdmission =
  | { admitted: true; attemptId: number }
  | { admitted: false; retryAfterSeconds: number; limitedBy: 'account' | 'address' };

/**
 * Checks the limits and, when there is room, records the attempt in the same write transaction,
 * BEFORE the password is verified: concurrent guesses each take a slot, so at most `maxFailures`
 * guesses per window ever reach the hasher.
 */
export function admitSignInAttempt(db: Database, keys: AttemptKeys, now: Date, policy: ThrottlePolicy = SIGN_IN_THROTTLE): AttemptAdmission {
  return transaction(db, () => {
    const since = new Date(now.getTime() - policy.windowMs);
    deleteSignInAttemptsBefore(db, since);
    let retryAfterMs = 0;
    let limitedBy: 'account' | 'address' | null = null;
    for (const [kind, column, key] of [
      ['account', 'account_key', keys.accountKey],
      ['address', 'address_key', keys.addressKey],
    ] as const) {
      const recent = recentSignInAttempts(db, column, key, since, policy.maxFailures);
      const oldestCounted = recent[policy.maxFailures - 1];
      if (oldestCounted) {
        // Room returns when the oldest of the counted failures leaves the window.
        const wait = oldestCounted.getTime() + policy.windowMs - now.getTime();
        if (wait > retryAfterMs) {
          retryAfterMs = wait;
          limitedBy = kind;
        }
      }
    }
    if (limitedBy !== null) return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)), limitedBy };
    return { admitted: true, attemptId: insertSignInAttempt(db, keys, now) };
  });
}

/** The attempt succeeded: it was no failure, and the account's earlier failures are forgiven. */
export function forgiveSignInAttempts(db: Database, keys: AttemptKeys, attemptId: number): void {
  deleteSignInAttempt(db, attemptId);
  deleteSignInAttemptsOfAccount(db, keys.accountKey);
}
