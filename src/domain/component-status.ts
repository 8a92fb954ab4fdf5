import { deriveMaintenanceStatus, type Maintenance } from './maintenance.ts';
import { deriveIncidentTimes, incidentStatusWindows, type Incident } from './incident.ts';
import { worstComponentStatus, type ComponentStatus } from './vocabulary.ts';

/**
 * Each product's status at `now`: the worst status any unresolved incident holds it at, or
 * `under_maintenance` while a maintenance on it is in progress or being verified.
 */
export function currentComponentStatuses(
  componentIds: readonly string[],
  incidents: readonly Incident[],
  maintenances: readonly Maintenance[],
  now: Date,
): Map<string, ComponentStatus> {
  const found = new Map<string, ComponentStatus[]>(componentIds.map((id) => [id, []]));
  for (const incident of incidents) {
    if (deriveIncidentTimes(incident).status === 'resolved') continue;
    for (const window of incidentStatusWindows(incident)) {
      if (window.end === null && window.start.getTime() <= now.getTime()) found.get(window.componentId)?.push(window.status);
    }
  }
  for (const maintenance of maintenances) {
    const status = deriveMaintenanceStatus(maintenance, now);
    if (status !== 'in_progress' && status !== 'verifying') continue;
    for (const componentId of maintenance.components) found.get(componentId)?.push('under_maintenance');
  }
  return new Map([...found].map(([id, statuses]) => [id, worstComponentStatus(statuses)]));
}
