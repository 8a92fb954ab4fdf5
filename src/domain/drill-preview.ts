import type { Incident } from './incident.ts';
import type { Maintenance } from './maintenance.ts';
import { buildReadModel, type ContentSet, type ReadModel } from './read-model.ts';

/** The public page as it would have looked during a drill; served only inside the admin. */
export interface DrillPreviewModel {
  model: ReadModel;
  /** Ids of the drill incidents and maintenance in `model`, so the preview can mark each one. */
  drillIncidentIds: ReadonlySet<string>;
  drillMaintenanceIds: ReadonlySet<string>;
}

/**
 * The read model of the live content PLUS the drill's incidents and maintenance. buildReadModel
 * is the public gate and keeps dropping drill items; this separate function hands it copies with
 * the flag cleared, and those copies exist only inside the returned preview value, never in any
 * content directory, build, feed or API.
 */
export function buildDrillPreviewModel(
  live: ContentSet,
  drill: { incidents: readonly Incident[]; maintenances: readonly Maintenance[] },
  now: Date,
): DrillPreviewModel {
  const notDrill = (id: string) => {
    throw new Error(`drill preview: "${id}" is not a drill item; only drill content may be previewed this way`);
  };
  const incidents = drill.incidents.map((incident) => (incident.drill ? { ...incident, drill: false } : notDrill(incident.id)));
  const maintenances = drill.maintenances.map((maintenance) => (maintenance.drill ? { ...maintenance, drill: false } : notDrill(maintenance.id)));
  const liveIncidents = live.incidents.filter((incident) => !incident.drill);
  const liveMaintenances = live.maintenances.filter((maintenance) => !maintenance.drill);
  return {
    model: buildReadModel({ ...live, incidents: [...liveIncidents, ...incidents], maintenances: [...liveMaintenances, ...maintenances] }, now),
    drillIncidentIds: new Set(incidents.map((incident) => incident.id)),
    drillMaintenanceIds: new Set(maintenances.map((maintenance) => maintenance.id)),
  };
}
