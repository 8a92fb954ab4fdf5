import { z } from 'zod';
import { ROLES } from '../../auth/roles.ts';
import { problem, stripBidiControls } from '../../domain/index.ts';

/** The sign-in name. Stored as typed (trimmed); compared case-insensitively by the database. */
export const UserEmailSchema = z.string().trim().max(254).pipe(z.email());

/** How colleagues recognise the person in the audit log and on approvals, e.g. "Sanne de Vries". */
export const UserNameSchema = z.string().overwrite(stripBidiControls).trim().min(1).max(120);

export const UserRolesSchema = z
  .array(z.enum(ROLES))
  .min(1, problem('choose_role'))
  .transform((roles) => ROLES.filter((role) => roles.includes(role)));
