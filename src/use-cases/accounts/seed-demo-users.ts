import { randomInt } from 'node:crypto';
import { ROLE_LABELS, type Role } from '../../auth/roles.ts';
import { audit } from '../audit.ts';
import { transaction } from '../../store/database.ts';
import { deleteSessionsOfUser } from '../../store/session-repository.ts';
import { findUserByEmail, insertUser, replaceUserRoles, setUserActive, setUserPasswordHash } from '../../store/user-repository.ts';
import type { UseCaseContext } from '../context.ts';

export interface DemoCredential {
  email: string;
  name: string;
  roles: Role[];
  /** Shown once in the console; only its hash is stored. */
  password: string;
}

export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; roles: Role[] }> = [
  { email: 'opsteller@demo.helder.test', name: 'Sanne de Vries (demo-opsteller)', roles: ['composer'] },
  { email: 'goedkeurder@demo.helder.test', name: 'Ahmed El Amrani (demo-goedkeurder)', roles: ['approver'] },
  { email: 'beheerder@demo.helder.test', name: 'Joost Bakker (demo-beheerder)', roles: ['admin'] },
];

// No 0/O, 1/l/I: people type these from a terminal.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Four groups of four, e.g. "k7mw-q3xa-9fhp-t2ne": about 79 bits, easy to read aloud. */
export function oneTimePassword(): string {
  const groups = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''));
  return groups.join('-');
}

/**
 * HELDER_ENV=demo only: makes sure the three demo accounts exist and gives them fresh one-time
 * passwords on every start (the previous ones were only ever printed in an old console), ending
 * any sessions they had.
 */
export async function seedDemoUsers(ctx: UseCaseContext, config: { env: 'production' | 'demo' }): Promise<DemoCredential[]> {
  if (config.env !== 'demo') throw new Error('seedDemoUsers refused: demo users are only created when HELDER_ENV=demo.');
  const credentials = await Promise.all(
    DEMO_USERS.map(async (demo) => {
      const password = oneTimePassword();
      return { ...demo, roles: [...demo.roles], password, passwordHash: await ctx.passwords.hasher.hash(password) };
    }),
  );
  const { db, clock } = ctx;
  transaction(db, () => {
    const now = clock.now();
    for (const credential of credentials) {
      const existing = findUserByEmail(db, credential.email);
      if (existing) {
        setUserPasswordHash(db, existing.id, credential.passwordHash, now);
        replaceUserRoles(db, existing.id, credential.roles);
        if (!existing.active) setUserActive(db, existing.id, true, now);
        deleteSessionsOfUser(db, existing.id);
      } else {
        insertUser(db, { email: credential.email, name: credential.name, passwordHash: credential.passwordHash, roles: credential.roles, demo: true, at: now });
      }
    }
    audit(ctx, { kind: 'system', name: 'system' }, { action: 'demo_users_seeded', details: { emails: credentials.map((credential) => credential.email) }, at: now });
  });
  return credentials.map(({ passwordHash: _passwordHash, ...credential }) => credential);
}

/** The console box the server prints at a demo start. Marked DEMO so nobody mistakes it for production. */
export function formatDemoCredentials(credentials: readonly DemoCredential[], adminUrl: string): string {
  const lines = [
    'DEMO — alleen om uit te proberen / for trying out only',
    `Aanmelden / sign in: ${adminUrl}`,
    '',
    ...credentials.map((credential) => `${credential.roles.map((role) => ROLE_LABELS[role].nl.toLowerCase()).join(', ').padEnd(11)}  ${credential.email.padEnd(29)}  ${credential.password}`),
    '',
    'Eenmalige wachtwoorden: bij elke herstart nieuw.',
    'One-time passwords: new at every restart.',
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const border = `+${'-'.repeat(width + 2)}+`;
  return [border, ...lines.map((line) => `| ${line.padEnd(width)} |`), border].join('\n');
}
