import { PERMISSIONS, ROLES, rolesAllow, type Permission, type Role } from '../auth/roles.ts';
import type { Caller } from '../auth/signed-in-user.ts';
import { Refusal } from '../domain/index.ts';

export { ROLES };
export type { Permission, Role };
export type { Caller, SignedInUser, SystemCaller } from '../auth/signed-in-user.ts';

/**
 * The first line of every use case that needs a right: the installation itself (the CLI on the
 * server, seeding, the publisher) may do anything; a person needs the permission's role.
 */
export function authorise(caller: Caller, permission: Permission): void {
  if (caller.kind === 'user' && !rolesAllow(caller.roles, permission)) {
    throw new Refusal('forbidden', { params: { permission, roles: PERMISSIONS[permission] }, detail: `${caller.name} lacks ${permission}` });
  }
}

/** Whether someone holds a permission, for showing or hiding an action; the use case still checks. */
export function may(person: { roles: readonly Role[] }, permission: Permission): boolean {
  return rolesAllow(person.roles, permission);
}
