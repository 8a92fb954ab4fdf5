import { z } from 'zod';
import { invalidInput } from '../../domain/index.ts';
import type { Database } from '../../store/database.ts';
import { findUserById } from '../../store/user-repository.ts';
import type { Caller } from '../authorise.ts';

/** "ja"/"nee" from a form's tick button, or a boolean from code. */
export const DoneSchema = z.union([z.boolean(), z.enum(['ja', 'nee']).transform((value) => value === 'ja')]);

/** An optional colleague from a select: '' or absent is nobody. */
export const OptionalUserIdSchema = z.union([z.literal('').transform(() => null), z.coerce.number().int().positive()]).optional();

/** Refuses (on `field`) anyone who is not an active colleague. */
export function requireColleague(db: Database, userId: number, field: string): { userId: number; name: string } {
  const user = findUserById(db, userId);
  if (!user || !user.active) throw invalidInput([{ field, code: 'unknown_user' }]);
  return { userId: user.id, name: user.name };
}

/** The person who ticks: a system caller has no account to record, so it is refused. */
export function tickerOf(caller: Caller): number {
  if (caller.kind !== 'user') throw invalidInput([{ field: 'done', code: 'invalid' }]);
  return caller.userId;
}
