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

describe('sign-in throttling', () => {
  it('refuses the 11th attempt on an account within 15 minutes with Retry-After, from any address, without checking the password', async () => {
    expect(SIGN_IN_THROTTLE).toEqual({ maxFailures: 10, windowMs: 15 * MINUTE });
    for (let index = 0; index < 10; index += 1) {
      expect(await attempt(SANNE.email, `fout wachtwoord ${index}`, `203.0.113.${index}`)).toEqual({ outcome: 'invalid_credentials' });
      t.clock.advance(MINUTE);
    }
    const verifiedBefore = hasher.verified.length;
    // Even the right password is refused: a throttled account gives the guesser no signal.
    expect(await attempt(SANNE.email, SANNE.password, '198.51.100.1')).toEqual({ outcome: 'throttled', retryAfterSeconds: 5 * 60 });
    expect(hasher.verified.length).toBe(verifiedBefore);
    t.clock.advance(5 * MINUTE - 1000);
    expect(await attempt(SANNE.email, SANNE.password, '198.51.100.1')).toEqual({ outcome: 'throttled', retryAfterSeconds: 1 });
    t.clock.advance(1000);
    expect((await attempt(SANNE.email, SANNE.password, '198.51.100.1')).outcome).toBe('signed_in');
  });

  it('throttles an unknown e-mail exactly like a real one', async () => {
    for (let index = 0; index < 10; index += 1) await attempt('bestaat.niet@leverancier.nl', `poging ${index}`, `203.0.113.${index}`);
    expect(await attempt('bestaat.niet@leverancier.nl', 'poging 11', '198.51.100.1')).toEqual({ outcome: 'throttled', retryAfterSeconds: 15 * 60 });
    expect(await attempt('Bestaat.Niet@Leverancier.nl ', 'poging 12', '198.51.100.2')).toMatchObject({ outcome: 'throttled' });
  });

  it('refuses an address that tries many accounts, while other addresses still get in', async () => {
    for (let index = 0; index < 10; index += 1) await attempt(`medewerker${index}@leverancier.nl`, 'zomaar geprobeerd', '203.0.113.66');
    expect(await attempt(SANNE.email, SANNE.password, '203.0.113.66')).toMatchObject({ outcome: 'throttled' });
    expect((await attempt(SANNE.email, SANNE.password, '192.0.2.10')).outcome).toBe('signed_in');
    const [throttled] = queryAudit(t.db, { action: 'sign_in_throttled' }).entries;
    expect(throttled?.details).toMatchObject({ limitedBy: 'address', clientAddress: '203.0.113.66' });
  });

  it('counts an IPv6 /64 as one address', async () => {
    for (let index = 0; index < 10; index += 1) await attempt(`medewerker${index}@leverancier.nl`, 'zomaar geprobeerd', `2001:db8:aa:bb::${index + 1}`);
    expect(await attempt(SANNE.email, SANNE.password, '2001:db8:aa:bb:ffff::9')).toMatchObject({ outcome: 'throttled' });
  });

  it('forgives an account’s failures after a successful sign-in', async () => {
    for (let index = 0; index < 9; index += 1) await attempt(SANNE.email, `fout wachtwoord ${index}`);
    expect((await attempt(SANNE.email, SANNE.password)).outcome).toBe('signed_in');
    for (let index = 0; index < 9; index += 1) await attempt(SANNE.email, `fout wachtwoord ${index}`, '198.51.100.7');
    expect((await attempt(SANNE.email, SANNE.password, '198.51.100.7')).outcome).toBe('signed_in');
  });

  it('lets at most 10 of many parallel guesses reach the password check', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, (_, index) => attempt(SANNE.email, `parallel geraden ${index}`, `203.0.113.${index}`)));
    expect(results.filter((result) => result.outcome === 'invalid_credentials')).toHaveLength(10);
    expect(results.filter((result) => result.outcome === 'throttled')).toHaveLength(15);
    expect(hasher.verified).toHaveLength(10);
  });

  it('keeps counting in the database, so a restart does not reset it', async () => {
    for (let index = 0; index < 10; index += 1) await attempt(SANNE.email, `fout wachtwoord ${index}`);
    await t.restart();
    expect(await signIn(t.ctx, { ...SANNE, clientAddress: '192.0.2.10' })).toMatchObject({ outcome: 'throttled' });
  });
});
