import { deriveIncidentTimes, type Incident } from '../../domain/index.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

/** An open incident that shares products with one about to be opened: maybe the same outage. */
export interface PossibleDuplicate {
  incident: Incident;
  /** The products both are about. */
  sharedProducts: readonly string[];
}

/**
 * The open (unresolved) incidents of this context on any of these products, most recently opened
 * first. The screen warns with them before a second incident for the same outage is opened; the
 * person decides, because two outages of one product at once do happen.
 */
export function openIncidentsOnProducts(ctx: UseCaseContext, caller: Caller, productIds: readonly string[]): PossibleDuplicate[] {
  authorise(caller, 'incident.view');
  const wanted = new Set(productIds);
  return ctx.content
    .read()
    .incidents.map((incident) => ({ incident, times: deriveIncidentTimes(incident), sharedProducts: incident.components.filter((id) => wanted.has(id)) }))
    .filter(({ times, sharedProducts }) => times.status !== 'resolved' && sharedProducts.length > 0)
    .sort((a, b) => b.times.startedAt.getTime() - a.times.startedAt.getTime())
    .map(({ incident, sharedProducts }) => ({ incident, sharedProducts }));
}
