import { deriveMaintenanceStatus, type Maintenance } from './maintenance.ts';
import { incidentStatusWindows, type Incident, type StatusWindow } from './incident.ts';
import { worstComponentStatus, type ComponentStatus } from './vocabulary.ts';

/**
 * Each product's status at `now`: the worst status any incident holds it at that moment, or
 * `under_maintenance` while a maintenance on it is in progress or being verified. Windows are
 * judged against `now` (not against the incident's final state), so a build with a fixed clock
 * shows what the page said at that time.
 */
export function currentComponentStatuses(
  componentIds: readonly string[],
  incidents: readonly Incident[],
  maintenances: readonly Maintenance[],
  now: Date,
): Map<string, ComponentStatus> {
  return componentStatusesFromWindows(componentIds, incidents.flatMap((incident) => incidentStatusWindows(incident)), maintenances, now);
}

/** `currentComponentStatuses` from the incidents' status windows, for a caller that already has them. */
export function componentStatusesFromWindows(
  componentIds: readonly string[],
  windows: Iterable<StatusWindow>,
  maintenances: readonly Maintenance[],
  now: Date,
): Map<string, ComponentStatus> {
  const found = new Map<string, ComponentStatus[]>(componentIds.map((id) => [id, []]));
  const at = now.getTime();
  for (const window of windows) {
    const active = window.start.getTime() <= at && (window.end === null || window.end.getTime() > at);
    if (active) found.get(window.componentId)?.push(window.status);
  }
  for (const maintenance of maintenances) {
    const status = deriveMaintenanceStatus(maintenance, now);
    if (status !== 'in_progress' && status !== 'verifying') continue;
    for (const componentId of maintenance.components) found.get(componentId)?.push('under_maintenance');
  }
  return new Map([...found].map(([id, statuses]) => [id, worstComponentStatus(statuses)]));
}
