import { Refusal } from '../../domain/index.ts';
import type { Database } from '../../store/database.ts';
import { findUserByEmail, findUserById, type UserWithPassword } from '../../store/user-repository.ts';

/** Looks a user up by id (admin UI) or e-mail (CLI); a refusal when there is none. */
export function findExistingUser(db: Database, reference: { id: number } | { email: string }): UserWithPassword {
  const user = 'id' in reference ? findUserById(db, reference.id) : findUserByEmail(db, reference.email);
  if (!user) throw new Refusal('user_not_found', { detail: 'id' in reference ? `id ${reference.id}` : reference.email });
  return user;
}

/** A user as use cases hand it out: never the password hash. */
export function withoutPassword<T extends { passwordHash?: string }>(user: T): Omit<T, 'passwordHash'> {
  const { passwordHash: _passwordHash, ...rest } = user;
  return rest;
}
