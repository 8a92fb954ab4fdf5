import { deriveMaintenanceStatus, type Maintenance, type MaintenanceStatus } from '../../domain/index.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { latestPostedStatus, MAINTENANCE_TRANSITIONS } from './maintenance-parts.ts';

export interface MaintenanceRow {
  maintenance: Maintenance;
  /** By the clock: scheduled, in progress, verifying, completed. */
  status: MaintenanceStatus;
}

/** The context's maintenance, latest start first. */
export function listMaintenance(ctx: UseCaseContext, caller: Caller): MaintenanceRow[] {
  authorise(caller, 'incident.view');
  const now = ctx.clock.now();
  return ctx.content
    .read()
    .maintenances.map((maintenance) => ({ maintenance, status: deriveMaintenanceStatus(maintenance, now) }))
    .sort((a, b) => b.maintenance.scheduled_for.getTime() - a.maintenance.scheduled_for.getTime());
}

/** One maintenance of the context's content with the updates staff may post next, or null. */
export function findMaintenance(ctx: UseCaseContext, caller: Caller, id: string): { maintenance: Maintenance; posted: MaintenanceStatus; next: MaintenanceStatus[] } | null {
  authorise(caller, 'incident.view');
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) return null;
  const maintenance = ctx.content.read().maintenances.find((candidate) => candidate.id === id);
  if (!maintenance) return null;
  const posted = latestPostedStatus(maintenance);
  return { maintenance, posted, next: MAINTENANCE_TRANSITIONS[posted].filter((status) => status !== posted || status === 'scheduled') };
}
