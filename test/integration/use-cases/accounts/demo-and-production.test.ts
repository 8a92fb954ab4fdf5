import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser } from '../../../../src/use-cases/accounts/add-user.ts';
import { assertProductionReady } from '../../../../src/use-cases/accounts/assert-production-ready.ts';
import { prepareAccounts } from '../../../../src/use-cases/accounts/prepare-accounts.ts';
import { disableUser } from '../../../../src/use-cases/accounts/disable-user.ts';
import { DEMO_USERS, formatDemoCredentials, seedDemoUsers } from '../../../../src/use-cases/accounts/seed-demo-users.ts';
import { signIn } from '../../../../src/use-cases/accounts/sign-in.ts';
import { checkPasswordPolicy } from '../../../../src/auth/password-policy.ts';
import { queryAudit } from '../../../../src/store/audit-log.ts';
import { listUsers } from '../../../../src/store/user-repository.ts';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';

let t: TestApp;
// A new installation: no users yet.
beforeEach(async () => {
  t = await createTestApp({ people: false, contacts: [], start: '2026-10-05T07:30:00Z' });
});
afterEach(() => t.close());

describe('demo seeding', () => {
  it('creates an opsteller, a goedkeurder and a beheerder with one-time passwords that work', async () => {
    const credentials = await seedDemoUsers(t.ctx, { env: 'demo' });
    expect(credentials.map((credential) => [credential.email, credential.roles])).toEqual([
      ['opsteller@demo.helder.test', ['composer']],
      ['goedkeurder@demo.helder.test', ['approver']],
      ['beheerder@demo.helder.test', ['admin']],
    ]);
    for (const credential of credentials) {
      expect(credential.password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      expect(checkPasswordPolicy(credential.password, credential)).toEqual([]);
      expect((await signIn(t.ctx, { email: credential.email, password: credential.password, clientAddress: '127.0.0.1' })).outcome).toBe('signed_in');
    }
    expect(listUsers(t.db).every((user) => user.demo)).toBe(true);
  });

  it('gives fresh passwords at every start and ends the old sessions', async () => {
    const first = await seedDemoUsers(t.ctx, { env: 'demo' });
    const opsteller = first[0]!;
    const session = await signIn(t.ctx, { email: opsteller.email, password: opsteller.password, clientAddress: '127.0.0.1' });
    const second = await seedDemoUsers(t.ctx, { env: 'demo' });
    expect(second[0]?.password).not.toBe(opsteller.password);
    expect(listUsers(t.db)).toHaveLength(3);
    expect((await signIn(t.ctx, { email: opsteller.email, password: opsteller.password, clientAddress: '127.0.0.1' })).outcome).toBe('invalid_credentials');
    expect(session.outcome).toBe('signed_in');
    expect(t.db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    expect(queryAudit(t.db, { action: 'demo_users_seeded' }).entries).toHaveLength(2);
  });

  it('refuses outside HELDER_ENV=demo', async () => {
    await expect(seedDemoUsers(t.ctx, { env: 'production' })).rejects.toThrow(/only created when HELDER_ENV=demo/);
  });

  it('prints a box that is clearly marked DEMO', () => {
    const box = formatDemoCredentials(DEMO_USERS.map((user) => ({ ...user, roles: [...user.roles], password: 'k7mw-q3xa-9fhp-t2ne' })), 'http://127.0.0.1:4321/beheer');
    expect(box).toMatchInlineSnapshot(`
      "+-----------------------------------------------------------------+
      | DEMO — alleen om uit te proberen / for trying out only          |
      | Aanmelden / sign in: http://127.0.0.1:4321/beheer               |
      |                                                                 |
      | opsteller    opsteller@demo.helder.test     k7mw-q3xa-9fhp-t2ne |
      | goedkeurder  goedkeurder@demo.helder.test   k7mw-q3xa-9fhp-t2ne |
      | beheerder    beheerder@demo.helder.test     k7mw-q3xa-9fhp-t2ne |
      |                                                                 |
      | Eenmalige wachtwoorden: bij elke herstart nieuw.                |
      | One-time passwords: new at every restart.                       |
      +-----------------------------------------------------------------+"
    `);
  });
});

describe('production start', () => {
  it('refuses without an active admin and says how to create one', async () => {
    expect(() => assertProductionReady(t.db, { env: 'production' })).toThrow(/no active admin[\s\S]*npm run helder -- user add --role admin --email/);
    const cli = { kind: 'system', name: 'cli:beheer' } as const;
    await addUser(t.ctx, cli, { email: 'j.bakker@leverancier.nl', name: 'Joost Bakker', roles: ['admin'], password: 'grachtenpand aan de singel' });
    expect(() => assertProductionReady(t.db, { env: 'production' })).not.toThrow();
    disableUser(t.ctx, cli, { email: 'j.bakker@leverancier.nl' });
    expect(() => assertProductionReady(t.db, { env: 'production' })).toThrow(/no active admin/);
  });

  it('refuses while demo accounts are still active, listing the commands to disable them', async () => {
    const cli = { kind: 'system', name: 'cli:beheer' } as const;
    await seedDemoUsers(t.ctx, { env: 'demo' });
    await addUser(t.ctx, cli, { email: 'j.bakker@leverancier.nl', name: 'Joost Bakker', roles: ['admin'], password: 'grachtenpand aan de singel' });
    expect(() => assertProductionReady(t.db, { env: 'production' })).toThrow(/demo accounts are still active[\s\S]*user disable --email beheerder@demo\.helder\.test/);
    for (const demo of DEMO_USERS) disableUser(t.ctx, cli, { email: demo.email });
    expect(() => assertProductionReady(t.db, { env: 'production' })).not.toThrow();
  });

  it('does not apply to a demo start', () => {
    expect(() => assertProductionReady(t.db, { env: 'demo' })).not.toThrow();
  });
});

describe('prepareAccounts at server start', () => {
  it('returns the DEMO box in demo, refuses an unready production, and drops dead sessions', async () => {
    const box = await prepareAccounts(t.ctx, { env: 'demo', adminUrl: 'http://127.0.0.1:4321' });
    expect(box).toMatch(/DEMO — alleen om uit te proberen[\s\S]*beheerder@demo\.helder\.test/);
    const password = /opsteller@demo\.helder\.test\s+(\S+)/.exec(box ?? '')?.[1] ?? '';
    expect((await signIn(t.ctx, { email: 'opsteller@demo.helder.test', password, clientAddress: '127.0.0.1' })).outcome).toBe('signed_in');
    t.clock.advance(31 * 60_000);
    await expect(prepareAccounts(t.ctx, { env: 'production', adminUrl: 'https://beheer.status.leverancier.nl' })).rejects.toThrow(/demo accounts are still active/);
    expect(t.db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
  });
});
