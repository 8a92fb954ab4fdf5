import { sanitiseReadyTexts, sanitiseText } from '../../content/serialise-content.ts';
import { readIncidentFile } from '../../content/write-content.ts';
import { deriveIncidentTimes, IncidentStatusSchema, Refusal, type ComponentStatus, type Incident, type IncidentStatus, type LocalizedText, type ReadyTexts } from '../../domain/index.ts';
import type { UseCaseContext } from '../context.ts';

/** Statuses an update may have before the incident is resolved (resolving is its own use case). */
export const OpenIncidentStatusSchema = IncidentStatusSchema.exclude(['resolved']);

/** The incident in this context's content; a refusal when it does not exist. */
export function requireIncident(ctx: Pick<UseCaseContext, 'content'>, id: string): Incident {
  const incident = readIncidentFile(ctx.content.dir, id);
  if (!incident) throw new Refusal('incident_not_found', { detail: id });
  return incident;
}

/** Updates may only follow an open incident; a resolved one is history (open a new incident). */
export function requireUnresolved(incident: Incident): Date {
  const times = deriveIncidentTimes(incident);
  if (times.status === 'resolved') throw new Refusal('incident_resolved', { detail: incident.id });
  return times.updatedAt;
}

/** A new timeline entry as schema input: the typed text cleaned, times as ISO strings. */
export function updateInput(at: Date, update: { status: IncidentStatus; body: LocalizedText; components: Record<string, ComponentStatus>; next_update_at?: Date | undefined } & ReadyTexts) {
  return {
    at: at.toISOString(),
    status: update.status,
    body: sanitiseText(update.body),
    components: update.components,
    ...(update.next_update_at ? { next_update_at: update.next_update_at.toISOString() } : {}),
    ...sanitiseReadyTexts(update),
  };
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
  const { started_at: startedAt, ...rest } = incident;
  return { ...rest, ...(startedAt ? { started_at: startedAt.toISOString() } : {}), updates: updatesAsInput(incident) };
}
