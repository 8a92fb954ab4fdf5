import { z } from 'zod';
import { sanitiseText } from '../../content/serialise-content.ts';
import { writeMaintenanceFile } from '../../content/write-content.ts';
import { MaintenanceSchema, MaintenanceStatusSchema, Refusal, SlugSchema, UpdateTextSchema, type Maintenance, type MaintenanceStatus } from '../../domain/index.ts';
import type { AuditAction } from '../../store/audit-actions.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { auditedWrite, updateTime, validateResult, type ContentChange, type ContentChangeOptions } from '../incidents/content-change.ts';
import { parseInput } from '../parse-input.ts';
import { latestPostedStatus, maintenanceAsInput, MAINTENANCE_TRANSITIONS, requireMaintenance } from './maintenance-parts.ts';

export const PostMaintenanceUpdateInputSchema = z.strictObject({
  id: SlugSchema,
  /** in_progress: started; verifying: done, checking; completed: finished. "scheduled" posts a notice before the start. */
  status: MaintenanceStatusSchema,
  body: UpdateTextSchema,
});
export type PostMaintenanceUpdateInput = z.input<typeof PostMaintenanceUpdateInputSchema>;

const AUDIT_ACTION: Record<MaintenanceStatus, AuditAction> = {
  scheduled: 'maintenance_updated',
  in_progress: 'maintenance_started',
  verifying: 'maintenance_updated',
  completed: 'maintenance_completed',
};

/** Starts, verifies or completes maintenance (or posts a notice while it is still scheduled). */
export function postMaintenanceUpdate(
  ctx: UseCaseContext,
  caller: Caller,
  input: PostMaintenanceUpdateInput,
  options: ContentChangeOptions = {},
): ContentChange & { kind: 'maintenance' } {
  authorise(caller, 'maintenance.manage');
  const parsed = parseInput(PostMaintenanceUpdateInputSchema, input);

  return auditedWrite(ctx, caller, () => {
    const maintenance = requireMaintenance(ctx, parsed.id);
    const current = latestPostedStatus(maintenance);
    if (!MAINTENANCE_TRANSITIONS[current].includes(parsed.status)) throw new Refusal('maintenance_transition', { params: { from: current, to: parsed.status } });
    const at = updateTime(ctx, options, maintenance.updates.map((update) => update.at).sort((a, b) => a.getTime() - b.getTime()).at(-1));
    const action = AUDIT_ACTION[parsed.status];
    const changed: Maintenance = validateResult(MaintenanceSchema, {
      ...maintenanceAsInput(maintenance),
      updates: [...maintenanceAsInput(maintenance).updates, { at: at.toISOString(), status: parsed.status, body: sanitiseText(parsed.body) }],
    });
    return {
      audit: { action, kind: 'maintenance', id: maintenance.id, at, details: { from: current, status: parsed.status, ...options.auditDetails } },
      write: () => ({ kind: 'maintenance', action, id: maintenance.id, drill: ctx.drill, file: writeMaintenanceFile(ctx.content.dir, changed), maintenance: changed }),
    };
  });
}
