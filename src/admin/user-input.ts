import { z } from 'zod';
import { ROLES } from '../auth/roles.ts';
import { AdminError } from './admin-error.ts';

/** The sign-in name. Stored as typed (trimmed); compared case-insensitively by the database. */
export const UserEmailSchema = z
  .string()
  .trim()
  .max(254, 'Een e-mailadres is hoogstens 254 tekens (an e-mail address has at most 254 characters).')
  .pipe(z.email('Vul een geldig e-mailadres in, bijvoorbeeld s.devries@leverancier.nl (enter a valid e-mail address).'));

/** How colleagues recognise the person in the audit log and on approvals, e.g. "Sanne de Vries". */
export const UserNameSchema = z
  .string()
  .trim()
  .min(1, 'Vul een naam in (enter a name).')
  .max(120, 'Een naam is hoogstens 120 tekens (a name has at most 120 characters).');

export const UserRolesSchema = z
  .array(z.enum(ROLES, `Kies een rol: ${ROLES.join(', ')} (choose a role).`))
  .min(1, 'Kies minstens één rol (choose at least one role).')
  .transform((roles) => ROLES.filter((role) => roles.includes(role)));

/** Parses with a schema and turns zod issues into an AdminError that names each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AdminError(
    'invalid_input',
    result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message })),
  );
}
