import { z } from 'zod';
import { readIncidentFile } from '../../content/write-content.ts';
import { ComponentStatusSchema, deriveIncidentTimes, IncidentStatusSchema, SlugSchema, type Incident } from '../../domain/index.ts';
import { ContentChangeError, contentDirFor, isDrill, type ContentDeps } from './content-change.ts';

/** Which incident: its id, and whether it lives in the drill content. */
export const IncidentReferenceSchema = z.strictObject({
  id: SlugSchema,
  drill: z.boolean().default(false),
});

/** Product id → the status this update gives it. */
export const ComponentChangesInputSchema = z.record(SlugSchema, ComponentStatusSchema);

/** Statuses an update may have before the incident is resolved (resolving is its own use case). */
export const OpenIncidentStatusSchema = IncidentStatusSchema.exclude(['resolved']);

/** The incident and the directory it lives in; a refusal when it does not exist. */
export function requireIncident(deps: ContentDeps, reference: { id: string; drill: boolean }): { incident: Incident; dir: string; drill: boolean } {
  const drill = isDrill(deps, reference.drill);
  const dir = contentDirFor(deps, drill);
  const incident = readIncidentFile(dir, reference.id);
  if (!incident) throw new ContentChangeError('not_found', [{ field: 'id', message: `incident "${reference.id}" bestaat niet (does not exist)` }]);
  return { incident, dir, drill };
}

/** Updates may only follow an open incident; a resolved one is history (open a new incident). */
export function requireUnresolved(incident: Incident): Date {
  const times = deriveIncidentTimes(incident);
  if (times.status === 'resolved') {
    throw new ContentChangeError('not_allowed', [
      { field: 'id', message: `incident "${incident.id}" is al opgelost; open een nieuw incident (already resolved; open a new incident)` },
    ]);
  }
  return times.updatedAt;
}

/** The incident's updates as schema input, so a changed incident is validated as a whole. */
export function updatesAsInput(incident: Incident) {
  return incident.updates.map((update) => ({
    ...update,
    at: update.at.toISOString(),
    ...(update.next_update_at ? { next_update_at: update.next_update_at.toISOString() } : {}),
  }));
}

/** The incident as schema input (dates as ISO strings). */
export function incidentAsInput(incident: Incident) {
  return { ...incident, updates: updatesAsInput(incident) };
}
