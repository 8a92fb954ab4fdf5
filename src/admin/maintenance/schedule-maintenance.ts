import { z } from 'zod';
import type { Caller } from '../../auth/signed-in-user.ts';
import { sanitiseText } from '../../content/serialise-content.ts';
import { newContentId, writeMaintenanceFile } from '../../content/write-content.ts';
import { LocalizedTextSchema, localize, MaintenanceSchema, ScopeSchema, SlugSchema, TimestampSchema, type Maintenance } from '../../domain/index.ts';
import { authoriseCaller } from '../authorise-caller.ts';
import {
  auditedWrite,
  checkReferences,
  ContentChangeError,
  contentDirFor,
  isDrill,
  parseInput,
  validateResult,
  type ContentChange,
  type ContentChangeOptions,
  type ContentDeps,
} from '../incidents/content-change.ts';

export const ScheduleMaintenanceInputSchema = z.strictObject({
  title: LocalizedTextSchema,
  /** What will be done and what municipalities will notice. */
  description: LocalizedTextSchema,
  components: z.array(SlugSchema).min(1, 'kies minstens één product (choose at least one product)'),
  scope: ScopeSchema.default('all'),
  scheduled_for: TimestampSchema,
  scheduled_until: TimestampSchema,
  drill: z.boolean().default(false),
});
export type ScheduleMaintenanceInput = z.input<typeof ScheduleMaintenanceInputSchema>;

/** Announces planned maintenance; the file is named after the Amsterdam day it starts. */
export function scheduleMaintenance(
  deps: ContentDeps,
  caller: Caller,
  input: ScheduleMaintenanceInput,
  options: ContentChangeOptions = {},
): ContentChange & { kind: 'maintenance' } {
  authoriseCaller(caller, 'maintenance.manage');
  const parsed = parseInput(ScheduleMaintenanceInputSchema, input);
  const drill = isDrill(deps, parsed.drill);
  const at = options.at ?? deps.clock.now();
  const problems = [];
  if (parsed.scheduled_until.getTime() <= parsed.scheduled_for.getTime()) problems.push({ field: 'scheduled_until', message: 'moet na het begin liggen (must be after the start)' });
  if (parsed.scheduled_until.getTime() <= at.getTime()) problems.push({ field: 'scheduled_until', message: 'ligt in het verleden (is in the past)' });
  if (problems.length > 0) throw new ContentChangeError('invalid_input', problems);
  checkReferences(deps, { components: parsed.components, scope: parsed.scope });
  const dir = contentDirFor(deps, drill);

  return auditedWrite(deps, caller, () => {
    const title = sanitiseText(parsed.title);
    const id = newContentId(dir, 'maintenance', parsed.scheduled_for, localize(title, 'nl').text);
    const maintenance: Maintenance = validateResult(MaintenanceSchema, {
      id,
      title,
      description: sanitiseText(parsed.description),
      components: [...new Set(parsed.components)],
      scope: parsed.scope,
      scheduled_for: parsed.scheduled_for.toISOString(),
      scheduled_until: parsed.scheduled_until.toISOString(),
      updates: [],
      drill,
    });
    return {
      audit: {
        action: 'maintenance_scheduled',
        kind: 'maintenance',
        id,
        drill,
        at,
        details: { components: maintenance.components, scheduledFor: maintenance.scheduled_for.toISOString(), scheduledUntil: maintenance.scheduled_until.toISOString(), ...options.auditDetails },
      },
      write: () => ({ kind: 'maintenance', action: 'maintenance_scheduled', id, drill, file: writeMaintenanceFile(dir, maintenance), maintenance }),
    };
  });
}
