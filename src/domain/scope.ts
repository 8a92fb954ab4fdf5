import { z } from 'zod';
import { MunicipalityIdSchema } from './ids.ts';

/**
 * Which municipalities an incident or maintenance touches: every municipality that uses one of
 * the affected products ("all", a national outage), or an explicit list (a local outage).
 */
export const ScopeSchema = z.union(
  [
    z.literal('all'),
    z.strictObject({
      municipalities: z.array(MunicipalityIdSchema).min(1),
    }),
  ],
  // A problem code (src/domain/problems.ts): "all" or { municipalities: [GM0344, …] }.
  { error: 'scope_expected' },
);
export type Scope = z.infer<typeof ScopeSchema>;
