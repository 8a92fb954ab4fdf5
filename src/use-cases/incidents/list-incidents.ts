import { deriveIncidentTimes, type Incident, type IncidentTimes } from '../../domain/index.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

/** An incident as the admin's lists show it, derived once (pure: screens only render these). */
export interface IncidentRow {
  incident: Incident;
  times: IncidentTimes;
  /** The promised next update has passed without a newer update. */
  overdueMinutes: number | null;
}

/** The context's incidents, most recently changed first. */
export function listIncidents(ctx: UseCaseContext, caller: Caller): IncidentRow[] {
  authorise(caller, 'incident.view');
  const now = ctx.clock.now();
  return ctx.content
    .read()
    .incidents.map((incident) => {
      const times = deriveIncidentTimes(incident);
      const overdue = times.nextUpdateAt && times.nextUpdateAt.getTime() < now.getTime() ? Math.floor((now.getTime() - times.nextUpdateAt.getTime()) / 60_000) : null;
      return { incident, times, overdueMinutes: overdue };
    })
    .sort((a, b) => b.times.updatedAt.getTime() - a.times.updatedAt.getTime() || a.incident.id.localeCompare(b.incident.id));
}

/** One incident of the context's content, or null. */
export function findIncident(ctx: UseCaseContext, caller: Caller, id: string): Incident | null {
  authorise(caller, 'incident.view');
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) return null;
  return ctx.content.read().incidents.find((incident) => incident.id === id) ?? null;
}
