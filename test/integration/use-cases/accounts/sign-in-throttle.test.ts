import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser } from '../../../../src/use-cases/accounts/add-user.ts';
import { signIn } from '../../../../src/use-cases/accounts/sign-in.ts';
import { adminMessages } from '../../../../src/i18n/admin-messages.ts';
import { createArgon2idHasher, type PasswordHasher } from '../../../../src/auth/password-hasher.ts';
import { SIGN_IN_THROTTLE } from '../../../../src/use-cases/accounts/sign-in-throttle.ts';
import { queryAudit } from '../../../../src/store/audit-log.ts';
import { createTestApp, FAST_ARGON2ID, type TestApp } from '../../../support/test-app.ts';

const MINUTE = 60_000;
const SANNE = { email: 's.devries@leverancier.nl', password: 'fietsen langs de amstel' };

/** Our hasher port, wrapped to record which hashes were verified (the real argon2id still runs). */
function countingHasher(): PasswordHasher & { verified: string[] } {
  const real = createArgon2idHasher(FAST_ARGON2ID);
  const verified: string[] = [];
  return {
    verified,
    dummyHash: real.dummyHash,
    hash: (password) => real.hash(password),
    needsRehash: (encoded) => real.needsRehash(encoded),
    verify: (password, encoded) => {
      verified.push(encoded);
      return real.verify(password, encoded);
    },
  };
}

let t: TestApp;
let hasher: ReturnType<typeof countingHasher>;
beforeEach(async () => {
  hasher = countingHasher();
  t = await createTestApp({ people: false, contacts: [], start: '2026-10-05T07:30:00Z', hasher });
  await addUser(t.ctx, { kind: 'system', name: 'cli:beheer' }, { email: SANNE.email, name: 'Sanne de Vries', roles: ['composer'], password: SANNE.password });
});
afterEach(() => t.close());

const attempt = (email: string, password: string, clientAddress = '192.0.2.10') => signIn(t.ctx, { email, password, clientAddress });

describe('sign-in answers', () => {
  it('gives the same answer, after one argon2 verification, for an unknown e-mail, a wrong password and a disabled account', async () => {
    const unknown = await attempt('onbekend@leverancier.nl', SANNE.password);
    const wrong = await attempt(SANNE.email, 'fietsen langs de maas');
    expect(unknown).toEqual({ outcome: 'invalid_credentials' });
    expect(wrong).toEqual(unknown);
    expect(hasher.verified).toHaveLength(2);
    expect(hasher.verified[0]).toBe(hasher.dummyHash);
    expect(hasher.verified[1]).toMatch(/^\$argon2id\$/);
    expect(hasher.verified[1]).not.toBe(hasher.dummyHash);
    // An empty e-mail field still costs one verification.
    await attempt('', 'iets');
    expect(hasher.verified).toHaveLength(3);
  });

  it('records why a sign-in failed in the audit log (for admins only), without storing a password typed into the e-mail field', async () => {
    await attempt('onbekend@leverancier.nl', 'x');
    await attempt(SANNE.email, 'fietsen langs de maas');
    await attempt('fietsen langs de amstel', 'x');
    const reasons = queryAudit(t.db, { action: 'sign_in_failed' }).entries.map((entry) => [entry.details.email, entry.details.reason]).reverse();
    expect(reasons).toEqual([
      ['onbekend@leverancier.nl', 'unknown_email'],
      [SANNE.email, 'wrong_password'],
      ['(geen e-mailadres / not an e-mail address)', 'unknown_email'],
    ]);
  });

  it('takes about as long for an unknown e-mail as for a wrong password (real OWASP argon2id)', async () => {
    // The installation as shipped: the real OWASP parameters.
    await t.restart({ hasher: createArgon2idHasher() });
    await addUser(t.ctx, { kind: 'system', name: 'cli:beheer' }, { email: 'a.elamrani@leverancier.nl', name: 'Ahmed El Amrani', roles: ['approver'], password: 'stroopwafels bij de koffie' });
    // CPU time of this process (argon2 runs on libuv threads, counted too): the work done, which
    // is what leaks through timing, and unlike wall time not disturbed by other test files.
    const cost = async (email: string, index: number) => {
      const before = process.cpuUsage();
      const result = await signIn(t.ctx, { email, password: `geraden wachtwoord ${index}`, clientAddress: `203.0.113.${index}` });
      const used = process.cpuUsage(before);
      // Past any throttle delay: nine guesses on one account would otherwise have to wait.
      t.clock.advance(6 * MINUTE);
      expect(result).toEqual({ outcome: 'invalid_credentials' });
      return (used.user + used.system) / 1000;
    };
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let index = 0; index < 9; index += 1) {
      unknown.push(await cost(`onbekend${index}@leverancier.nl`, index));
      wrong.push(await cost('a.elamrani@leverancier.nl', 100 + index));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    console.info(`sign-in CPU median: unknown e-mail ${median(unknown).toFixed(1)} ms, wrong password ${median(wrong).toFixed(1)} ms`);
    expect(median(wrong)).toBeGreaterThan(10); // the real argon2id ran in both series
    // A leak (no argon2 for unknown addresses) gives a ratio near 0.05; the band is wide enough
    // for a loaded 2-core CI machine, narrow enough to catch a skipped or cheaper verification.
    expect(median(unknown) / median(wrong)).toBeGreaterThan(0.6);
    expect(median(unknown) / median(wrong)).toBeLessThan(1.67);
  });

  it('has a Dutch and English message that does not say which part was wrong', () => {
    expect(adminMessages('nl').signIn.invalidCredentials).toBe('Het e-mailadres of het wachtwoord klopt niet.');
    expect(adminMessages('en').signIn.invalidCredentials).toMatchInlineSnapshot(`"The e-mail address or the password is not correct."`);
  });
});

describe('sign-in throttling: growing delays, no lock-out', () => {
  it('lets 5 failures through, then doubles the wait after each failure, capped at 5 minutes, from any address', async () => {
    expect(SIGN_IN_THROTTLE).toMatchObject({ windowMs: 60 * MINUTE, accountFreeFailures: 5, addressFreeFailures: 20, firstDelayMs: 1000, maxDelayMs: 5 * MINUTE });
    for (let index = 0; index < 5; index += 1) {
      expect(await attempt(SANNE.email, `fout wachtwoord ${index}`, `203.0.113.${index}`)).toEqual({ outcome: 'invalid_credentials' });
    }
    const waits: number[] = [];
    for (let index = 5; index < 15; index += 1) {
      const refused = await attempt(SANNE.email, `fout wachtwoord ${index}`, `198.51.100.${index}`);
      expect(refused.outcome).toBe('throttled');
      const wait = refused.outcome === 'throttled' ? refused.retryAfterSeconds : 0;
      waits.push(wait);
      t.clock.advance(wait * 1000);
      expect(await attempt(SANNE.email, `fout wachtwoord ${index}`, `198.51.100.${index}`)).toEqual({ outcome: 'invalid_credentials' });
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 300]);
    // The right password is refused unchecked while the account waits: no signal to the guesser.
    const verifiedBefore = hasher.verified.length;
    expect(await attempt(SANNE.email, SANNE.password, '198.51.100.1')).toEqual({ outcome: 'throttled', retryAfterSeconds: 300 });
    expect(hasher.verified.length).toBe(verifiedBefore);
    // Never a long lock: after at most 5 minutes the person can try again.
    t.clock.advance(5 * MINUTE);
    expect((await attempt(SANNE.email, SANNE.password, '198.51.100.1')).outcome).toBe('signed_in');
  });

  it('forgets failures after an hour', async () => {
    for (let index = 0; index < 8; index += 1) {
      await attempt(SANNE.email, `fout wachtwoord ${index}`);
      t.clock.advance(5 * MINUTE);
    }
    t.clock.advance(60 * MINUTE);
    expect((await attempt(SANNE.email, 'nog een keer fout')).outcome).toBe('invalid_credentials');
  });

  it('throttles an unknown e-mail exactly like a real one', async () => {
    for (let index = 0; index < 5; index += 1) await attempt('bestaat.niet@leverancier.nl', `poging ${index}`, `203.0.113.${index}`);
    expect(await attempt('bestaat.niet@leverancier.nl', 'poging 6', '198.51.100.1')).toEqual({ outcome: 'throttled', retryAfterSeconds: 1 });
    expect(await attempt('Bestaat.Niet@Leverancier.nl ', 'poging 7', '198.51.100.2')).toMatchObject({ outcome: 'throttled' });
  });

  it('slows down an address that tries many accounts, while other addresses still get in', async () => {
    for (let index = 0; index < 20; index += 1) await attempt(`medewerker${index}@leverancier.nl`, 'zomaar geprobeerd', '203.0.113.66');
    expect(await attempt(SANNE.email, SANNE.password, '203.0.113.66')).toMatchObject({ outcome: 'throttled' });
    expect((await attempt(SANNE.email, SANNE.password, '192.0.2.10')).outcome).toBe('signed_in');
    const [throttled] = queryAudit(t.db, { action: 'sign_in_throttled' }).entries;
    expect(throttled?.details).toMatchObject({ limitedBy: 'address', clientAddress: '203.0.113.66' });
  });

  it('counts an IPv6 /64 as one address', async () => {
    for (let index = 0; index < 20; index += 1) await attempt(`medewerker${index}@leverancier.nl`, 'zomaar geprobeerd', `2001:db8:aa:bb::${index + 1}`);
    expect(await attempt(SANNE.email, SANNE.password, '2001:db8:aa:bb:ffff::9')).toMatchObject({ outcome: 'throttled' });
  });

  it('forgives an account’s failures after a successful sign-in', async () => {
    for (let index = 0; index < 5; index += 1) await attempt(SANNE.email, `fout wachtwoord ${index}`);
    t.clock.advance(1000);
    expect((await attempt(SANNE.email, SANNE.password, '198.51.100.7')).outcome).toBe('signed_in');
    // Forgiven: five more failures are free again.
    for (let index = 0; index < 5; index += 1) expect((await attempt(SANNE.email, `fout wachtwoord ${index}`, '198.51.100.7')).outcome).toBe('invalid_credentials');
    t.clock.advance(1000);
    expect((await attempt(SANNE.email, SANNE.password, '198.51.100.8')).outcome).toBe('signed_in');
  });

  it('lets only the free attempts of many parallel guesses reach the password check', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, (_, index) => attempt(SANNE.email, `parallel geraden ${index}`, `203.0.113.${index}`)));
    expect(results.filter((result) => result.outcome === 'invalid_credentials')).toHaveLength(5);
    expect(results.filter((result) => result.outcome === 'throttled')).toHaveLength(20);
    expect(hasher.verified).toHaveLength(5);
  });

  it('keeps counting in the database, so a restart does not reset it', async () => {
    for (let index = 0; index < 10; index += 1) await attempt(SANNE.email, `fout wachtwoord ${index}`);
    await t.restart();
    expect(await signIn(t.ctx, { ...SANNE, clientAddress: '192.0.2.10' })).toMatchObject({ outcome: 'throttled' });
  });
});

describe('device cookies: a browser that signed in before keeps getting in during an attack', () => {
  const signInWithDevice = (password: string, deviceToken: string | null, clientAddress = '192.0.2.10') =>
    signIn(t.ctx, { email: SANNE.email, password, clientAddress, deviceToken });

  async function deviceOfSanne(): Promise<string> {
    const result = await signInWithDevice(SANNE.password, null);
    if (result.outcome !== 'signed_in' || result.deviceToken === null) throw new Error('no device cookie after sign-in');
    return result.deviceToken;
  }

  it('gives a new device cookie after a sign-in without one, and keeps the one a browser already has', async () => {
    const device = await deviceOfSanne();
    expect(device).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = await signInWithDevice(SANNE.password, device);
    expect(again).toMatchObject({ outcome: 'signed_in', deviceToken: null });
    const [signedIn] = queryAudit(t.db, { action: 'sign_in' }).entries;
    expect(signedIn?.details).toMatchObject({ knownDevice: true });
  });

  it('lets Sanne in at once from her own browser while an attacker keeps her account and her office address waiting', async () => {
    const device = await deviceOfSanne();
    // The attacker guesses from many addresses, and also from Sanne's own office address.
    for (let index = 0; index < 40; index += 1) {
      await attempt(SANNE.email, `geraden ${index}`, index % 2 === 0 ? `203.0.113.${index}` : '192.0.2.10');
      t.clock.advance(10_000);
    }
    expect(await attempt(SANNE.email, SANNE.password, '198.51.100.1')).toMatchObject({ outcome: 'throttled' });
    expect(await signInWithDevice(SANNE.password, null)).toMatchObject({ outcome: 'throttled' });
    // Her own browser: no wait, the right password gets her in.
    expect(await signInWithDevice(SANNE.password, device)).toMatchObject({ outcome: 'signed_in', deviceToken: null });
  });

  it('does not trust a device cookie for another account, an unknown cookie, or one that failed 10 times', async () => {
    const device = await deviceOfSanne();
    for (let index = 0; index < 5; index += 1) await attempt(SANNE.email, `geraden ${index}`, '203.0.113.5');
    // Bound to Sanne's account: Bram's address in this browser is throttled normally.
    for (let index = 0; index < 5; index += 1) await signIn(t.ctx, { email: 'b.jansen@leverancier.nl', password: `x${index}`, clientAddress: '203.0.113.6', deviceToken: device });
    expect(await signIn(t.ctx, { email: 'b.jansen@leverancier.nl', password: 'x', clientAddress: '203.0.113.6', deviceToken: device })).toMatchObject({ outcome: 'throttled' });
    expect(await signInWithDevice(SANNE.password, 'A'.repeat(43))).toMatchObject({ outcome: 'throttled' });
    // A stolen cookie gives ten guesses, no more.
    for (let index = 0; index < 10; index += 1) expect(await signInWithDevice(`geraden met cookie ${index}`, device)).toEqual({ outcome: 'invalid_credentials' });
    expect(await signInWithDevice(SANNE.password, device)).toMatchObject({ outcome: 'throttled' });
  });

  it('lets at most the device’s 10 plus the account’s 5 free parallel guesses reach the password check', async () => {
    const device = await deviceOfSanne();
    const verifiedBefore = hasher.verified.length;
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => signInWithDevice(`parallel ${index}`, device, `203.0.113.${index}`)));
    // Ten take the device's slots; the rest are untrusted attempts: the account's 5 free ones, then waits.
    expect(results.filter((result) => result.outcome === 'invalid_credentials')).toHaveLength(15);
    expect(hasher.verified.length - verifiedBefore).toBe(15);
  });
});
