import { readMaintenanceFile } from '../../content/write-content.ts';
import type { Maintenance, MaintenanceStatus } from '../../domain/index.ts';
import { ContentChangeError, contentDirFor, isDrill, type ContentDeps } from '../incidents/content-change.ts';

export function requireMaintenance(deps: ContentDeps, reference: { id: string; drill: boolean }): { maintenance: Maintenance; dir: string; drill: boolean } {
  const drill = isDrill(deps, reference.drill);
  const dir = contentDirFor(deps, drill);
  const maintenance = readMaintenanceFile(dir, reference.id);
  if (!maintenance) throw new ContentChangeError('not_found', [{ field: 'id', message: `onderhoud "${reference.id}" bestaat niet (does not exist)` }]);
  return { maintenance, dir, drill };
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
