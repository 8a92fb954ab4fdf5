import type { Role } from '../../auth/roles.ts';
import { findUserById, listUsers as listUserRows, type User } from '../../store/user-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { findExistingUser, withoutPassword } from './find-user.ts';

export type { User };

export function listUsers(ctx: UseCaseContext, caller: Caller, filter: { active?: boolean; role?: Role } = {}): User[] {
  authorise(caller, 'user.manage');
  return listUserRows(ctx.db, filter);
}

/** One user for the admin's user page. */
export function getUser(ctx: UseCaseContext, caller: Caller, id: number): User {
  authorise(caller, 'user.manage');
  return withoutPassword(findExistingUser(ctx.db, { id }));
}

/** The display names of colleagues (authors and approvers of messages); never other account data. */
export function colleagueNames(ctx: UseCaseContext, ids: readonly (number | null | undefined)[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const id of ids) if (id && !names.has(id)) names.set(id, findUserById(ctx.db, id)?.name ?? '');
  return names;
}
