import { z } from 'zod';
import type { Caller } from '../../auth/signed-in-user.ts';
import { sanitiseText } from '../../content/serialise-content.ts';
import { writeMaintenanceFile } from '../../content/write-content.ts';
import { LocalizedTextSchema, MaintenanceSchema, MaintenanceStatusSchema, SlugSchema, type Maintenance, type MaintenanceStatus } from '../../domain/index.ts';
import type { AuditAction } from '../../store/audit-actions.ts';
import { authoriseCaller } from '../authorise-caller.ts';
import {
  auditedWrite,
  ContentChangeError,
  parseInput,
  updateTime,
  validateResult,
  type ContentChange,
  type ContentChangeOptions,
  type ContentDeps,
} from '../incidents/content-change.ts';
import { latestPostedStatus, maintenanceAsInput, MAINTENANCE_TRANSITIONS, requireMaintenance } from './maintenance-parts.ts';

export const PostMaintenanceUpdateInputSchema = z.strictObject({
  id: SlugSchema,
  drill: z.boolean().default(false),
  /** in_progress: started; verifying: done, checking; completed: finished. "scheduled" posts a notice before the start. */
  status: MaintenanceStatusSchema,
  body: LocalizedTextSchema,
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
  deps: ContentDeps,
  caller: Caller,
  input: PostMaintenanceUpdateInput,
  options: ContentChangeOptions = {},
): ContentChange & { kind: 'maintenance' } {
  authoriseCaller(caller, 'maintenance.manage');
  const parsed = parseInput(PostMaintenanceUpdateInputSchema, input);

  return auditedWrite(deps, caller, () => {
    const { maintenance, dir, drill } = requireMaintenance(deps, parsed);
    const current = latestPostedStatus(maintenance);
    if (!MAINTENANCE_TRANSITIONS[current].includes(parsed.status)) {
      throw new ContentChangeError('not_allowed', [
        {
          field: 'status',
          message:
            current === 'completed'
              ? `onderhoud "${maintenance.id}" is al afgerond (already completed)`
              : `van "${current}" kan niet naar "${parsed.status}" (cannot go from ${current} to ${parsed.status})`,
        },
      ]);
    }
    const at = updateTime(deps, options, maintenance.updates.map((update) => update.at).sort((a, b) => a.getTime() - b.getTime()).at(-1));
    const action = AUDIT_ACTION[parsed.status];
    const changed: Maintenance = validateResult(MaintenanceSchema, {
      ...maintenanceAsInput(maintenance),
      updates: [...maintenanceAsInput(maintenance).updates, { at: at.toISOString(), status: parsed.status, body: sanitiseText(parsed.body) }],
    });
    return {
      audit: { action, kind: 'maintenance', id: maintenance.id, drill, at, details: { from: current, status: parsed.status, ...options.auditDetails } },
      write: () => ({ kind: 'maintenance', action, id: maintenance.id, drill, file: writeMaintenanceFile(dir, changed), maintenance: changed }),
    };
  });
}
