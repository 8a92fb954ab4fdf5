import { z } from 'zod';
import type { Role } from '../../auth/roles.ts';
import { Refusal } from '../../domain/index.ts';
import { transaction } from '../../store/database.ts';
import { recordAccountChange } from '../../store/account-changes-repository.ts';
import { findUserByEmail, insertUser, type User } from '../../store/user-repository.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';
import { assertAcceptablePassword } from './password-problems.ts';
import { UserEmailSchema, UserNameSchema, UserRolesSchema } from './user-input.ts';

export const AddUserInputSchema = z.object({
  email: UserEmailSchema,
  name: UserNameSchema,
  roles: UserRolesSchema,
  password: z.string(),
});

export type AddUserInput = z.input<typeof AddUserInputSchema>;

/** Creates an account. Only admins (or the CLI on the server) may; the password must pass the policy. */
export async function addUser(ctx: UseCaseContext, caller: Caller, input: AddUserInput, options: { demo?: boolean } = {}): Promise<User> {
  authorise(caller, 'user.manage');
  const parsed = parseInput(AddUserInputSchema, input);
  assertAcceptablePassword(ctx, parsed.password, parsed);
  assertEmailFree(ctx, parsed.email);
  const passwordHash = await ctx.passwords.hasher.hash(parsed.password);
  return transaction(ctx.db, () => {
    assertEmailFree(ctx, parsed.email); // again inside the lock: the hash took a while
    const at = ctx.clock.now();
    const user = insertUser(ctx.db, { email: parsed.email, name: parsed.name, passwordHash, roles: parsed.roles as Role[], demo: options.demo ?? false, at });
    recordAccountChange(ctx.db, { userId: user.id, by: caller.kind === 'user' ? caller.userId : null, change: 'created', at });
    audit(ctx, caller, { action: 'user_added', subject: { type: 'user', id: user.id }, details: { email: user.email, name: user.name, roles: user.roles, demo: user.demo }, at });
    return user;
  });
}

function assertEmailFree(ctx: Pick<UseCaseContext, 'db'>, email: string): void {
  if (findUserByEmail(ctx.db, email)) throw new Refusal('email_taken', { problems: [{ field: 'email', code: 'address_taken' }], detail: email });
}
