import { readMaintenanceFile } from '../../content/write-content.ts';
import { Refusal, type Maintenance, type MaintenanceStatus } from '../../domain/index.ts';
import type { UseCaseContext } from '../context.ts';

/** The maintenance in this context's content; a refusal when it does not exist. */
export function requireMaintenance(ctx: Pick<UseCaseContext, 'content'>, id: string): Maintenance {
  const maintenance = readMaintenanceFile(ctx.content.dir, id);
  if (!maintenance) throw new Refusal('maintenance_not_found', { detail: id });
  return maintenance;
}

/** The maintenance as schema input (dates as ISO strings). */
export function maintenanceAsInput(maintenance: Maintenance) {
  return {
    ...maintenance,
    scheduled_for: maintenance.scheduled_for.toISOString(),
    scheduled_until: maintenance.scheduled_until.toISOString(),
    updates: maintenance.updates.map((update) => ({ ...update, at: update.at.toISOString() })),
  };
}

/**
 * Which update may follow which, judged by what staff posted (not by the clock): work that
 * overruns its window can still be started, verified and completed. Completed is final.
 */
export const MAINTENANCE_TRANSITIONS: Record<MaintenanceStatus, readonly MaintenanceStatus[]> = {
  scheduled: ['scheduled', 'in_progress', 'verifying', 'completed'],
  in_progress: ['in_progress', 'verifying', 'completed'],
  verifying: ['in_progress', 'verifying', 'completed'],
  completed: [],
};

export function latestPostedStatus(maintenance: Maintenance): MaintenanceStatus {
  return [...maintenance.updates].sort((a, b) => a.at.getTime() - b.at.getTime()).at(-1)?.status ?? 'scheduled';
}
