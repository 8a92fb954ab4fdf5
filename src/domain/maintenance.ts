import { z } from 'zod';
import { problem } from './problems.ts';
import { SlugSchema, TimestampSchema, WHEN_WELL_FORMED } from './ids.ts';
import { TitleTextSchema, UpdateTextSchema } from './localized-text.ts';
import { ScopeSchema } from './scope.ts';
import { MAINTENANCE_STATUSES, type MaintenanceStatus } from './vocabulary.ts';

export const MaintenanceStatusSchema = z.enum(MAINTENANCE_STATUSES);

export const MaintenanceUpdateSchema = z.strictObject({
  at: TimestampSchema,
  status: MaintenanceStatusSchema,
  /** Plain Markdown; raw HTML is not rendered. */
  body: UpdateTextSchema,
});
export type MaintenanceUpdate = z.infer<typeof MaintenanceUpdateSchema>;

const maintenanceFields = {
  title: TitleTextSchema,
  /** What will be done and what municipalities will notice. */
  description: UpdateTextSchema,
  /** Ids of the products taken into maintenance. */
  components: z.array(SlugSchema).min(1),
  scope: ScopeSchema.default('all'),
  scheduled_for: TimestampSchema,
  scheduled_until: TimestampSchema,
  updates: z.array(MaintenanceUpdateSchema).default([]),
  /** Exercise maintenance never appears on any public surface. */
  drill: z.boolean().default(false),
};

function checkWindow(maintenance: { scheduled_for: Date; scheduled_until: Date }, ctx: z.RefinementCtx): void {
  if (maintenance.scheduled_until.getTime() <= maintenance.scheduled_for.getTime()) {
    ctx.addIssue({ code: 'custom', path: ['scheduled_until'], ...problem('must_be_after', { field: 'scheduled_for' }) });
  }
}

/** The front matter of content/maintenance/<id>.md; the id is the file name. */
export const MaintenanceFrontmatterSchema = z.strictObject(maintenanceFields).superRefine(checkWindow, WHEN_WELL_FORMED);

export const MaintenanceSchema = z.strictObject({ id: SlugSchema, ...maintenanceFields }).superRefine(checkWindow, WHEN_WELL_FORMED);
export type Maintenance = z.infer<typeof MaintenanceSchema>;
export type MaintenanceInput = z.input<typeof MaintenanceSchema>;

/**
 * The state of a maintenance at `now`. An explicit update wins (it may say the work overruns);
 * without one the schedule decides, and the window's end completes it automatically.
 */
export function deriveMaintenanceStatus(maintenance: Pick<Maintenance, 'updates' | 'scheduled_for' | 'scheduled_until'>, now: Date): MaintenanceStatus {
  const latest = [...maintenance.updates].sort((a, b) => a.at.getTime() - b.at.getTime()).at(-1);
  if (latest && latest.status !== 'scheduled') return latest.status;
  if (now.getTime() < maintenance.scheduled_for.getTime()) return 'scheduled';
  if (now.getTime() < maintenance.scheduled_until.getTime()) return 'in_progress';
  return 'completed';
}

/** When the work actually started and ended, as far as known at `now`. */
export function deriveMaintenanceTimes(maintenance: Maintenance, now: Date): { startedAt: Date | null; completedAt: Date | null; updatedAt: Date } {
  const updates = [...maintenance.updates].sort((a, b) => a.at.getTime() - b.at.getTime());
  const status = deriveMaintenanceStatus(maintenance, now);
  const startedUpdate = updates.find((update) => update.status === 'in_progress');
  const completedUpdate = updates.find((update) => update.status === 'completed');
  const startedAt = startedUpdate?.at ?? (status === 'scheduled' ? null : maintenance.scheduled_for);
  const completedAt = completedUpdate?.at ?? (status === 'completed' ? maintenance.scheduled_until : null);
  const updatedAt = updates.at(-1)?.at ?? maintenance.scheduled_for;
  return { startedAt, completedAt, updatedAt };
}
