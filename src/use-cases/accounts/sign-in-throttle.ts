import { isIP } from 'node:net';
import type { Database } from '../../store/database.ts';
import { transaction } from '../../store/database.ts';
import {
  deleteSignInAttempt,
  deleteSignInAttemptsBefore,
  deleteSignInAttemptsOfAccount,
  insertSignInAttempt,
  signInAttemptStats,
  type AttemptKeys,
} from '../../store/sign-in-attempt-repository.ts';
import {
  countTrustedDeviceFailure,
  deleteTrustedDevicesUnusedSince,
  findTrustedDevice,
  insertTrustedDevice,
  markTrustedDeviceUsed,
} from '../../store/trusted-device-repository.ts';
import { hashSessionToken, newSessionToken } from '../../auth/session-token.ts';

/**
 * Growing delays instead of a lock: a hard lock after N failures lets anyone who knows an
 * approver's address keep that approver out during an outage. Here every failure beyond the free
 * ones doubles the wait before the next attempt for that account or address (1 s, 2 s, 4 s, …, at
 * most `maxDelayMs`), which makes guessing hopeless while a person who mistyped waits seconds, and
 * a browser with a device cookie (below) is not slowed down by other people's failures at all.
 */
export interface ThrottlePolicy {
  /** Failures older than this are forgotten. */
  windowMs: number;
  /** Failures per account (the typed e-mail) without any delay. */
  accountFreeFailures: number;
  /** Failures per client address without any delay; higher, because an office shares one address. */
  addressFreeFailures: number;
  /** The delay after the first failure beyond the free ones; it doubles with every further failure. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Failures with one device cookie after which that cookie is no longer trusted (OWASP). */
  deviceMaxFailures: number;
  /** A device cookie not used to sign in for this long is forgotten. */
  deviceLifetimeMs: number;
}

export const SIGN_IN_THROTTLE: ThrottlePolicy = {
  windowMs: 60 * 60 * 1000,
  accountFreeFailures: 5,
  addressFreeFailures: 20,
  firstDelayMs: 1000,
  maxDelayMs: 5 * 60 * 1000,
  deviceMaxFailures: 10,
  deviceLifetimeMs: 180 * 24 * 60 * 60 * 1000,
};

/** How long a key must wait after its newest attempt, given its failures in the window. */
export function throttleDelayMs(failures: number, freeFailures: number, policy: ThrottlePolicy = SIGN_IN_THROTTLE): number {
  if (failures < freeFailures) return 0;
  const doublings = failures - freeFailures;
  // 2^doublings overflows into Infinity long after it passed the cap; min() keeps it finite.
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(doublings, 40));
}

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
  | { admitted: true; attemptId: number | null; trustedDevice: string | null }
  | { admitted: false; retryAfterSeconds: number; limitedBy: 'account' | 'address' };

/**
 * Checks the limits and, when there is room, records the attempt in the same write transaction,
 * BEFORE the password is verified: concurrent guesses each count, so parallel guesses cannot slip
 * past the delay while a check is running.
 *
 * With a valid device cookie for this account (`deviceToken`), the account's and the address's
 * delays do not apply: the attempt counts against that device only, and after
 * `deviceMaxFailures` failures the cookie is no longer trusted.
 */
export function admitSignInAttempt(
  db: Database,
  keys: AttemptKeys,
  now: Date,
  policy: ThrottlePolicy = SIGN_IN_THROTTLE,
  deviceToken: string | null = null,
): AttemptAdmission {
  return transaction(db, () => {
    const since = new Date(now.getTime() - policy.windowMs);
    deleteSignInAttemptsBefore(db, since);
    deleteTrustedDevicesUnusedSince(db, new Date(now.getTime() - policy.deviceLifetimeMs));
    if (deviceToken !== null) {
      const tokenHash = hashSessionToken(deviceToken);
      const device = findTrustedDevice(db, tokenHash);
      if (device && device.accountKey === keys.accountKey && device.failures < policy.deviceMaxFailures) {
        countTrustedDeviceFailure(db, tokenHash, now);
        return { admitted: true, attemptId: null, trustedDevice: tokenHash };
      }
    }
    let retryAfterMs = 0;
    let limitedBy: 'account' | 'address' | null = null;
    for (const [kind, column, key, free] of [
      ['account', 'account_key', keys.accountKey, policy.accountFreeFailures],
      ['address', 'address_key', keys.addressKey, policy.addressFreeFailures],
    ] as const) {
      const { count, newest } = signInAttemptStats(db, column, key, since);
      const delay = throttleDelayMs(count, free, policy);
      if (delay === 0 || newest === null) continue;
      const wait = newest.getTime() + delay - now.getTime();
      if (wait > retryAfterMs) {
        retryAfterMs = wait;
        limitedBy = kind;
      }
    }
    if (limitedBy !== null) return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)), limitedBy };
    return { admitted: true, attemptId: insertSignInAttempt(db, keys, now), trustedDevice: null };
  });
}

/**
 * The attempt succeeded: it was no failure, and the account's earlier failures are forgiven.
 * Returns the device cookie token to give the browser: a new one after a sign-in without a
 * trusted device, none when the browser already holds one for this account (it stays valid).
 */
export function forgiveSignInAttempts(db: Database, keys: AttemptKeys, admission: { attemptId: number | null; trustedDevice: string | null }, now: Date): string | null {
  if (admission.trustedDevice !== null) {
    markTrustedDeviceUsed(db, admission.trustedDevice, now);
    deleteSignInAttemptsOfAccount(db, keys.accountKey);
    return null;
  }
  if (admission.attemptId !== null) deleteSignInAttempt(db, admission.attemptId);
  deleteSignInAttemptsOfAccount(db, keys.accountKey);
  const token = newSessionToken();
  insertTrustedDevice(db, { tokenHash: hashSessionToken(token), accountKey: keys.accountKey, at: now });
  return token;
}
