import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser } from '../../../../src/use-cases/accounts/add-user.ts';
import { disableUser } from '../../../../src/use-cases/accounts/disable-user.ts';
import { enableUser } from '../../../../src/use-cases/accounts/enable-user.ts';
import { listUsers } from '../../../../src/use-cases/accounts/list-users.ts';
import { resetPassword } from '../../../../src/use-cases/accounts/reset-password.ts';
import { resolveSession } from '../../../../src/use-cases/accounts/resolve-session.ts';
import { setUserRoles } from '../../../../src/use-cases/accounts/set-user-roles.ts';
import { signIn } from '../../../../src/use-cases/accounts/sign-in.ts';
import { signOut } from '../../../../src/use-cases/accounts/sign-out.ts';
import { SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_IDLE_TIMEOUT_MS } from '../../../../src/auth/session-policy.ts';
import { hashSessionToken } from '../../../../src/auth/session-token.ts';
import type { SystemCaller } from '../../../../src/auth/signed-in-user.ts';
import { queryAudit, verifyAuditChain } from '../../../../src/store/audit-log.ts';
import { countSessionsOfUser } from '../../../../src/store/session-repository.ts';
import { refusalOf } from '../../../support/refusals.ts';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';

const CLI: SystemCaller = { kind: 'system', name: 'cli:beheer' };
const MINUTE = 60_000;

let t: TestApp;
// No colleagues yet: these tests add their own, as the command line does on a new installation.
beforeEach(async () => {
  t = await createTestApp({ people: false, contacts: [], start: '2026-10-05T07:30:00Z' });
  await addUser(t.ctx, CLI, { email: 'j.bakker@leverancier.nl', name: 'Joost Bakker', roles: ['admin'], password: 'grachtenpand aan de singel' });
  await addUser(t.ctx, CLI, { email: 's.devries@leverancier.nl', name: 'Sanne de Vries', roles: ['composer'], password: 'fietsen langs de amstel' });
  await addUser(t.ctx, CLI, { email: 'a.elamrani@leverancier.nl', name: 'Ahmed El Amrani', roles: ['approver'], password: 'stroopwafels bij de koffie' });
});
afterEach(() => t.close());

async function signInAs(email: string, password: string, clientAddress = '192.0.2.10') {
  const result = await signIn(t.ctx, { email, password, clientAddress });
  if (result.outcome !== 'signed_in') throw new Error(`sign-in failed: ${result.outcome}`);
  return result;
}

describe('users', () => {
  it('stores users with their set of roles and an argon2id hash, never the password', () => {
    const users = listUsers(t.ctx, CLI);
    expect(users.map((user) => [user.email, user.roles, user.active])).toEqual([
      ['a.elamrani@leverancier.nl', ['approver'], true],
      ['j.bakker@leverancier.nl', ['admin'], true],
      ['s.devries@leverancier.nl', ['composer'], true],
    ]);
    const row = t.db.prepare('SELECT password_hash FROM users WHERE email = ?').get('s.devries@leverancier.nl') as { password_hash: string };
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(JSON.stringify(t.db.prepare('SELECT * FROM users').all())).not.toContain('amstel');
  });

  it('refuses a duplicate e-mail address regardless of case', async () => {
    await expect(addUser(t.ctx, CLI, { email: 'S.deVries@Leverancier.nl', name: 'Sanne de Vries', roles: ['composer'], password: 'een heel ander wachtwoord' })).rejects.toMatchObject({
      code: 'email_taken',
      problems: [{ field: 'email' }],
    });
  });

  it('names each bad field', async () => {
    const error = await refusalOf(() => addUser(t.ctx, CLI, { email: 'geen-adres', name: ' ', roles: [], password: 'fietsen langs de amstel' }));
    expect(error.code).toBe('invalid_input');
    expect(error.problems.map((problem) => [problem.field, problem.code])).toEqual([
      ['email', 'invalid_email'],
      ['name', 'required'],
      ['roles', 'too_few'],
    ]);
  });

  it('refuses a weak password with the policy’s Dutch and English explanation', async () => {
    await expect(addUser(t.ctx, CLI, { email: 'k.smit@leverancier.nl', name: 'Kees Smit', roles: ['composer'], password: 'welkom123456' })).rejects.toMatchObject({
      code: 'weak_password',
      problems: [{ field: 'password', code: 'password_common' }],
    });
  });

  it('lets only an admin manage users', async () => {
    const sanne = (await signInAs('s.devries@leverancier.nl', 'fietsen langs de amstel')).user;
    await expect(addUser(t.ctx, sanne, { email: 'k.smit@leverancier.nl', name: 'Kees Smit', roles: ['admin'], password: 'zonnebloemkoffiemolen' })).rejects.toMatchObject({ code: 'forbidden', params: { permission: 'user.manage' } });
    const joost = (await signInAs('j.bakker@leverancier.nl', 'grachtenpand aan de singel')).user;
    const kees = await addUser(t.ctx, joost, { email: 'k.smit@leverancier.nl', name: 'Kees Smit', roles: ['composer', 'approver'], password: 'zonnebloemkoffiemolen' });
    expect(kees.roles).toEqual(['composer', 'approver']);
    const [entry] = queryAudit(t.db, { action: 'user_added', actorUserId: joost.userId }).entries;
    expect(entry?.details).toEqual({ email: 'k.smit@leverancier.nl', name: 'Kees Smit', roles: ['composer', 'approver'], demo: false });
  });

  it('keeps at least one active admin when an admin changes roles or disables accounts', async () => {
    const joost = (await signInAs('j.bakker@leverancier.nl', 'grachtenpand aan de singel')).user;
    expect(() => setUserRoles(t.ctx, joost, { email: 'j.bakker@leverancier.nl' }, ['composer'])).toThrow(expect.objectContaining({ code: 'last_admin' }));
    expect(() => disableUser(t.ctx, joost, { email: 'j.bakker@leverancier.nl' })).toThrow(expect.objectContaining({ code: 'own_account' }));
  });
});

describe('sessions', () => {
  it('signs in with a fresh 256-bit token and stores only its hash', async () => {
    const { token, user } = await signInAs('s.devries@leverancier.nl', 'fietsen langs de amstel');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = t.db.prepare('SELECT token_hash FROM sessions').all() as Array<{ token_hash: string }>;
    expect(stored).toEqual([{ token_hash: hashSessionToken(token) }]);
    expect(JSON.stringify(t.db.prepare('SELECT * FROM sessions').all())).not.toContain(token);
    expect(user).toMatchObject({ email: 's.devries@leverancier.nl', name: 'Sanne de Vries', roles: ['composer'] });
    expect(resolveSession(t.ctx, token)).toMatchObject({ status: 'active', user: { userId: user.userId } });
  });

  it('rotates the token at sign-in: the session the browser had before ends', async () => {
    const first = await signInAs('s.devries@leverancier.nl', 'fietsen langs de amstel');
    const second = await signIn(t.ctx, { email: 's.devries@leverancier.nl', password: 'fietsen langs de amstel', clientAddress: '192.0.2.10', previousToken: first.token });
    expect(second.outcome).toBe('signed_in');
    expect(resolveSession(t.ctx, first.token)).toEqual({ status: 'none' });
    if (second.outcome === 'signed_in') expect(resolveSession(t.ctx, second.token).status).toBe('active');
  });

  it('ends a session after 30 idle minutes, and activity moves that deadline', async () => {
    const { token } = await signInAs('s.devries@leverancier.nl', 'fietsen langs de amstel');
    t.clock.advance(SESSION_IDLE_TIMEOUT_MS - MINUTE);
    expect(resolveSession(t.ctx, token).status).toBe('active');
    t.clock.advance(SESSION_IDLE_TIMEOUT_MS - MINUTE);
    expect(resolveSession(t.ctx, token).status).toBe('active');
    t.clock.advance(SESSION_IDLE_TIMEOUT_MS);
    expect(resolveSession(t.ctx, token)).toEqual({ status: 'expired', reason: 'idle' });
    expect(resolveSession(t.ctx, token)).toEqual({ status: 'none' });
    expect(t.db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
  });

  it('ends a session 12 hours after sign-in however active', async () => {
    const { token } = await signInAs('s.devries@leverancier.nl', 'fietsen langs de amstel');
    for (let elapsed = 0; elapsed < SESSION_ABSOLUTE_TIMEOUT_MS - 20 * MINUTE; elapsed += 20 * MINUTE) {
      t.clock.advance(20 * MINUTE);
      expect(resolveSession(t.ctx, token).status).toBe('active');
    }
    t.clock.advance(20 * MINUTE);
    expect(resolveSession(t.ctx, token)).toEqual({ status: 'expired', reason: 'absolute' });
  });

  it('sign-out ends all of the user’s sessions at once, not other users’', async () => {
    const office = await signInAs('s.devries@leverancier.nl', 'fietsen langs de amstel', '192.0.2.10');
    const home = await signInAs('s.devries@leverancier.nl', 'fietsen langs de amstel', '198.51.100.20');
    const ahmed = await signInAs('a.elamrani@leverancier.nl', 'stroopwafels bij de koffie');
    expect(signOut(t.ctx, office.token)).toBe(2);
    expect(resolveSession(t.ctx, office.token).status).toBe('none');
    expect(resolveSession(t.ctx, home.token).status).toBe('none');
    expect(resolveSession(t.ctx, ahmed.token).status).toBe('active');
    expect(queryAudit(t.db, { action: 'sign_out' }).entries[0]).toMatchObject({ actor: { name: 'Sanne de Vries' }, details: { sessionsEnded: 2 } });
  });

  it('disabling a user ends all their sessions in the same write and blocks sign-in', async () => {
    const joost = (await signInAs('j.bakker@leverancier.nl', 'grachtenpand aan de singel')).user;
    const first = await signInAs('s.devries@leverancier.nl', 'fietsen langs de amstel');
    await signInAs('s.devries@leverancier.nl', 'fietsen langs de amstel', '198.51.100.20');
    const disabled = disableUser(t.ctx, joost, { email: 's.devries@leverancier.nl' });
    expect(disabled).toMatchObject({ active: false, sessionsEnded: 2 });
    expect(countSessionsOfUser(t.db, disabled.id)).toBe(0);
    expect(resolveSession(t.ctx, first.token).status).toBe('none');
    await expect(signIn(t.ctx, { email: 's.devries@leverancier.nl', password: 'fietsen langs de amstel', clientAddress: '192.0.2.10' })).resolves.toEqual({ outcome: 'invalid_credentials' });
    enableUser(t.ctx, joost, { email: 's.devries@leverancier.nl' });
    expect((await signIn(t.ctx, { email: 's.devries@leverancier.nl', password: 'fietsen langs de amstel', clientAddress: '192.0.2.10' })).outcome).toBe('signed_in');
  });

  it('a password reset ends the user’s sessions and only the new password works', async () => {
    const { token } = await signInAs('s.devries@leverancier.nl', 'fietsen langs de amstel');
    await expect(resetPassword(t.ctx, CLI, { email: 's.devries@leverancier.nl' }, 'tulpenvelden in de lente')).resolves.toEqual({ sessionsEnded: 1 });
    expect(resolveSession(t.ctx, token).status).toBe('none');
    expect((await signIn(t.ctx, { email: 's.devries@leverancier.nl', password: 'fietsen langs de amstel', clientAddress: '192.0.2.10' })).outcome).toBe('invalid_credentials');
    expect((await signIn(t.ctx, { email: 's.devries@leverancier.nl', password: 'tulpenvelden in de lente', clientAddress: '192.0.2.10' })).outcome).toBe('signed_in');
  });

  it('a role change takes effect on the next request of an existing session', async () => {
    const { token } = await signInAs('s.devries@leverancier.nl', 'fietsen langs de amstel');
    setUserRoles(t.ctx, CLI, { email: 's.devries@leverancier.nl' }, ['composer', 'approver']);
    const resolved = resolveSession(t.ctx, token);
    expect(resolved.status === 'active' && resolved.user.roles).toEqual(['composer', 'approver']);
  });

  it('ignores tokens that are missing, malformed or unknown', () => {
    expect(resolveSession(t.ctx, undefined)).toEqual({ status: 'none' });
    expect(resolveSession(t.ctx, "' OR 1=1 --")).toEqual({ status: 'none' });
    expect(resolveSession(t.ctx, 'A'.repeat(43))).toEqual({ status: 'none' });
  });

  it('writes every account event to an intact audit chain', async () => {
    await signInAs('s.devries@leverancier.nl', 'fietsen langs de amstel');
    await signIn(t.ctx, { email: 's.devries@leverancier.nl', password: 'fout wachtwoord hier', clientAddress: '192.0.2.10' });
    const actions = queryAudit(t.db).entries.map((entry) => entry.action).reverse();
    expect(actions).toEqual(['user_added', 'user_added', 'user_added', 'sign_in', 'sign_in_failed']);
    expect(verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: 5 });
  });

  it('upgrades a hash made with older, weaker parameters at the next sign-in', async () => {
    const { createArgon2idHasher, OWASP_ARGON2ID } = await import('../../../../src/auth/password-hasher.ts');
    const before = (t.db.prepare("SELECT password_hash FROM users WHERE email = 's.devries@leverancier.nl'").get() as { password_hash: string }).password_hash;
    // The installation restarts with stronger parameters.
    await t.restart({ hasher: createArgon2idHasher({ ...OWASP_ARGON2ID, memory: 512, passes: 2 }) });
    expect((await signIn(t.ctx, { email: 's.devries@leverancier.nl', password: 'fietsen langs de amstel', clientAddress: '192.0.2.10' })).outcome).toBe('signed_in');
    const after = (t.db.prepare("SELECT password_hash FROM users WHERE email = 's.devries@leverancier.nl'").get() as { password_hash: string }).password_hash;
    expect(before).toMatch(/m=256,t=1/);
    expect(after).toMatch(/m=512,t=2/);
    expect((await signIn(t.ctx, { email: 's.devries@leverancier.nl', password: 'fietsen langs de amstel', clientAddress: '192.0.2.10' })).outcome).toBe('signed_in');
  });
});
