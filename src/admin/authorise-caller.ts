import { requirePermission, type Permission } from '../auth/roles.ts';
import type { Caller } from '../auth/signed-in-user.ts';

/** The installation itself (CLI on the server, seeding) may do anything; a user needs the permission. */
export function authoriseCaller(caller: Caller, permission: Permission): void {
  if (caller.kind === 'user') requirePermission(caller, permission);
}
