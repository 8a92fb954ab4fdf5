import type { Role } from '../auth/roles.ts';
import type { Caller } from '../auth/signed-in-user.ts';
import { listUsers as listUserRows, type User } from '../store/user-repository.ts';
import type { AdminDeps } from './admin-deps.ts';
import { authoriseCaller } from './authorise-caller.ts';

export function listUsers(deps: Pick<AdminDeps, 'db'>, caller: Caller, filter: { active?: boolean; role?: Role } = {}): User[] {
  authoriseCaller(caller, 'user.manage');
  return listUserRows(deps.db, filter);
}
