import { z } from 'zod';
import { sanitiseText } from '../../content/serialise-content.ts';
import { newContentId, writeMaintenanceFile } from '../../content/write-content.ts';
import { invalidInput, problem, localize, MaintenanceSchema, ScopeSchema, SlugSchema, TimestampSchema, TitleTextSchema, UpdateTextSchema, type Maintenance, type Problem } from '../../domain/index.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { auditedWrite, checkReferences, validateResult, type ContentChange, type ContentChangeOptions } from '../incidents/content-change.ts';
import { parseInput } from '../parse-input.ts';

export const ScheduleMaintenanceInputSchema = z.strictObject({
  title: TitleTextSchema,
  /** What will be done and what municipalities will notice. */
  description: UpdateTextSchema,
  components: z.array(SlugSchema).min(1, problem('choose_product')),
  scope: ScopeSchema.default('all'),
  scheduled_for: TimestampSchema,
  scheduled_until: TimestampSchema,
});
export type ScheduleMaintenanceInput = z.input<typeof ScheduleMaintenanceInputSchema>;

/** Announces planned maintenance; the file is named after the Amsterdam day it starts. */
export function scheduleMaintenance(
  ctx: UseCaseContext,
  caller: Caller,
  input: ScheduleMaintenanceInput,
  options: ContentChangeOptions = {},
): ContentChange & { kind: 'maintenance' } {
  authorise(caller, 'maintenance.manage');
  const parsed = parseInput(ScheduleMaintenanceInputSchema, input);
  const at = options.at ?? ctx.clock.now();
  const problems: Problem[] = [];
  if (parsed.scheduled_until.getTime() <= parsed.scheduled_for.getTime()) problems.push({ field: 'scheduled_until', code: 'must_be_after_start' });
  else if (parsed.scheduled_until.getTime() <= at.getTime()) problems.push({ field: 'scheduled_until', code: 'must_be_future' });
  if (problems.length > 0) throw invalidInput(problems);
  checkReferences(ctx, { components: parsed.components, scope: parsed.scope });
  const dir = ctx.content.dir;

  return auditedWrite(ctx, caller, () => {
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
      drill: ctx.drill,
    });
    return {
      audit: {
        action: 'maintenance_scheduled',
        kind: 'maintenance',
        id,
        at,
        details: { components: maintenance.components, scheduledFor: maintenance.scheduled_for.toISOString(), scheduledUntil: maintenance.scheduled_until.toISOString(), ...options.auditDetails },
      },
      write: () => ({ kind: 'maintenance', action: 'maintenance_scheduled', id, drill: ctx.drill, file: writeMaintenanceFile(dir, maintenance), maintenance }),
    };
  });
}
