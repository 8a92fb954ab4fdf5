import { z } from 'zod';
import { checkPasswordPolicy } from '../auth/password-policy.ts';
import type { Role } from '../auth/roles.ts';
import { auditActorOf, type Caller } from '../auth/signed-in-user.ts';
import { appendAudit } from '../store/audit-log.ts';
import { transaction } from '../store/database.ts';
import { findUserByEmail, insertUser, type User } from '../store/user-repository.ts';
import type { AdminDeps } from './admin-deps.ts';
import { AdminError } from './admin-error.ts';
import { authoriseCaller } from './authorise-caller.ts';
import { parseInput, UserEmailSchema, UserNameSchema, UserRolesSchema } from './user-input.ts';

export const AddUserInputSchema = z.object({
  email: UserEmailSchema,
  name: UserNameSchema,
  roles: UserRolesSchema,
  password: z.string(),
});

export type AddUserInput = z.input<typeof AddUserInputSchema>;

/** Creates an account. Only admins (or the CLI on the server) may; the password must pass the policy. */
export async function addUser(deps: AdminDeps, caller: Caller, input: AddUserInput, options: { demo?: boolean } = {}): Promise<User> {
  authoriseCaller(caller, 'user.manage');
  const parsed = parseInput(AddUserInputSchema, input);
  const problems = checkPasswordPolicy(parsed.password, { email: parsed.email, name: parsed.name });
  if (problems.length > 0) {
    throw new AdminError('weak_password', problems.map((problem) => ({ field: 'password', message: `${problem.message.nl} (${problem.message.en})` })));
  }
  assertEmailFree(deps, parsed.email);
  const passwordHash = await deps.hasher.hash(parsed.password);
  const { db, clock } = deps;
  return transaction(db, () => {
    assertEmailFree(deps, parsed.email); // again inside the lock: the hash took a while
    const user = insertUser(db, { email: parsed.email, name: parsed.name, passwordHash, roles: parsed.roles as Role[], demo: options.demo ?? false, at: clock.now() });
    appendAudit(db, {
      actor: auditActorOf(caller),
      action: 'user_added',
      subject: { type: 'user', id: user.id },
      details: { email: user.email, name: user.name, roles: user.roles, demo: user.demo },
      drill: deps.drill,
      at: clock.now(),
    });
    return user;
  });
}

function assertEmailFree(deps: AdminDeps, email: string): void {
  if (findUserByEmail(deps.db, email)) {
    throw new AdminError('email_taken', [
      { field: 'email', message: `Er is al een gebruiker met e-mailadres ${email} (a user with this e-mail address already exists).` },
    ]);
  }
}
