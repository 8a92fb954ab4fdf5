import { audit } from '../audit.ts';
import { transaction } from '../../store/database.ts';
import { findUserByEmail, upgradeUserPasswordHash } from '../../store/user-repository.ts';
import { deleteSession, insertSession } from '../../store/session-repository.ts';
import { admitSignInAttempt, forgiveSignInAttempts, throttleKeys, type ThrottlePolicy } from './sign-in-throttle.ts';
import { hashSessionToken, newSessionToken } from '../../auth/session-token.ts';
import type { SignedInUser } from '../../auth/signed-in-user.ts';
import type { UseCaseContext } from '../context.ts';

export interface SignInInput {
  email: string;
  password: string;
  /** Client address as decided by clientAddressOf() (proxy-aware). */
  clientAddress: string;
  /** The token of a session the browser already had: it ends, so sign-in always rotates the token. */
  previousToken?: string | null | undefined;
  /** The device cookie this browser got at an earlier sign-in, if any (OWASP device cookies). */
  deviceToken?: string | null | undefined;
}

export type SignInResult =
  /** `deviceToken`: a new device cookie for this browser, or null when it keeps the one it has. */
  | { outcome: 'signed_in'; token: string; user: SignedInUser; deviceToken: string | null }
  /** Deliberately one outcome for unknown e-mail, wrong password and disabled account. */
  | { outcome: 'invalid_credentials' }
  | { outcome: 'throttled'; retryAfterSeconds: number };

// Nothing longer can be a stored password (max 256); the cap keeps a huge paste from costing more.
const LONGEST_CHECKED_PASSWORD = 1024;

/**
 * Signs a person in. Unknown e-mail, wrong password and disabled account take the same path,
 * including one argon2 verification (against a dummy hash when there is no user), and get the
 * same answer, so neither the reply nor its timing tells which accounts exist.
 */
export async function signIn(ctx: UseCaseContext, input: SignInInput, throttle?: ThrottlePolicy): Promise<SignInResult> {
  const { db, clock } = ctx;
  const { hasher } = ctx.passwords;
  const email = input.email.trim();
  const keys = throttleKeys(email, input.clientAddress);
  const startedAt = clock.now();
  const admission = admitSignInAttempt(db, keys, startedAt, throttle, input.deviceToken ?? null);
  if (!admission.admitted) {
    audit(ctx, { kind: 'system', name: 'anonymous' }, { action: 'sign_in_throttled', details: { email: auditableEmail(email), clientAddress: input.clientAddress, limitedBy: admission.limitedBy, retryAfterSeconds: admission.retryAfterSeconds }, at: startedAt });
    return { outcome: 'throttled', retryAfterSeconds: admission.retryAfterSeconds };
  }

  const user = email === '' ? null : findUserByEmail(db, email);
  const password = input.password.slice(0, LONGEST_CHECKED_PASSWORD);
  const passwordMatches = await hasher.verify(password, user?.passwordHash ?? hasher.dummyHash);
  const now = clock.now();

  if (!user || !passwordMatches || !user.active) {
    const reason = !user ? 'unknown_email' : !passwordMatches ? 'wrong_password' : 'user_disabled';
    audit(ctx, { kind: 'system', name: 'anonymous' }, { action: 'sign_in_failed', subject: user ? { type: 'user', id: user.id } : undefined, details: { email: auditableEmail(email), clientAddress: input.clientAddress, reason, knownDevice: admission.trustedDevice !== null }, at: now });
    return { outcome: 'invalid_credentials' };
  }

  const token = newSessionToken();
  const tokenHash = hashSessionToken(token);
  const deviceToken = transaction(db, () => {
    const newDeviceToken = forgiveSignInAttempts(db, keys, admission, now);
    if (input.previousToken) deleteSession(db, hashSessionToken(input.previousToken));
    insertSession(db, { tokenHash, userId: user.id, createdAt: now, lastSeenAt: now, clientAddress: input.clientAddress });
    audit(ctx, { kind: 'user', userId: user.id, name: user.name }, { action: 'sign_in', subject: { type: 'user', id: user.id }, details: { clientAddress: input.clientAddress, knownDevice: admission.trustedDevice !== null }, at: now });
    return newDeviceToken;
  });

  // The only moment the plain password is known: raise old hash parameters now.
  if (hasher.needsRehash(user.passwordHash)) upgradeUserPasswordHash(db, user.id, await hasher.hash(password));

  return {
    outcome: 'signed_in',
    token,
    user: { kind: 'user', userId: user.id, email: user.email, name: user.name, roles: user.roles, sessionId: tokenHash, sessionStartedAt: now },
    deviceToken,
  };
}

// People sometimes type their password into the e-mail field: only keep what looks like an address.
function auditableEmail(email: string): string {
  return /^[^\s@]{1,64}@[^\s@]{1,189}$/.test(email) ? email : '(geen e-mailadres / not an e-mail address)';
}
