import { amsterdamDay, deriveIncidentTimes, nextDay, startOfAmsterdamDay, type ContentSet } from '../domain/index.ts';

export interface TimeBasedChange {
  at: Date;
  /** Why the public site looks different from this moment on, for the publish history. */
  reason: string;
}

/**
 * The first moment after `now` at which the static site, built at `now`, goes stale without
 * anyone editing content: the site derives state from its build time, so a maintenance window
 * that opens or closes, an update dated in the future, a promised next update that falls due
 * (the page may flag it overdue) or Amsterdam midnight (a new uptime-bar day) needs a rebuild.
 * Without content (it failed to load) only midnight remains.
 */
export function nextTimeBasedChange(content: Pick<ContentSet, 'incidents' | 'maintenances'> | null, now: Date): TimeBasedChange {
  const midnight = startOfAmsterdamDay(nextDay(amsterdamDay(now)));
  let next: TimeBasedChange = { at: midnight, reason: `Automatisch: nieuwe dag ${amsterdamDay(midnight)} in de beschikbaarheidsbalken` };
  const consider = (at: Date | null | undefined, reason: () => string) => {
    if (at && at.getTime() > now.getTime() && at.getTime() < next.at.getTime()) next = { at, reason: reason() };
  };
  for (const maintenance of content?.maintenances ?? []) {
    if (maintenance.drill) continue;
    consider(maintenance.scheduled_for, () => `Automatisch: onderhoud ${maintenance.id} begint`);
    consider(maintenance.scheduled_until, () => `Automatisch: onderhoudsvenster ${maintenance.id} eindigt`);
    for (const update of maintenance.updates) consider(update.at, () => `Automatisch: update van onderhoud ${maintenance.id} wordt zichtbaar`);
  }
  for (const incident of content?.incidents ?? []) {
    if (incident.drill) continue;
    for (const update of incident.updates) consider(update.at, () => `Automatisch: update van storing ${incident.id} wordt zichtbaar`);
    consider(deriveIncidentTimes(incident).nextUpdateAt, () => `Automatisch: volgende update van storing ${incident.id} is nu verwacht`);
  }
  return next;
}
