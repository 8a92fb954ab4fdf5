import { findUserByEmail, findUserById, type UserWithPassword } from '../store/user-repository.ts';
import type { Database } from '../store/database.ts';
import { AdminError } from './admin-error.ts';

/** Looks a user up by id (admin UI) or e-mail (CLI); a clear error when there is none. */
export function findExistingUser(db: Database, reference: { id: number } | { email: string }): UserWithPassword {
  const user = 'id' in reference ? findUserById(db, reference.id) : findUserByEmail(db, reference.email);
  if (!user) {
    const described = 'id' in reference ? `id ${reference.id}` : `e-mailadres ${reference.email}`;
    throw new AdminError('user_not_found', [{ field: 'id' in reference ? 'id' : 'email', message: `Geen gebruiker met ${described} (no such user).` }]);
  }
  return user;
}
