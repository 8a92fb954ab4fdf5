import { z } from 'zod';
import { problem } from './problems.ts';
import { SlugSchema, TimestampSchema, WHEN_WELL_FORMED } from './ids.ts';
import { LocalizedTextSchema, TitleTextSchema, UpdateTextSchema } from './localized-text.ts';
import { ReadyTextFields } from './guidance.ts';
import { ScopeSchema } from './scope.ts';
import { COMPONENT_STATUSES, IMPACTS, INCIDENT_STATUSES, type ComponentStatus, type IncidentStatus } from './vocabulary.ts';

export const ComponentStatusSchema = z.enum(COMPONENT_STATUSES);
export const ImpactSchema = z.enum(IMPACTS);
export const IncidentStatusSchema = z.enum(INCIDENT_STATUSES);

/** Product id → the status this update sets for it, e.g. `{ burgerzaken-brp: major_outage }`. */
export const ComponentStatusChangesSchema = z.record(SlugSchema, ComponentStatusSchema);

/** One entry in an incident's public timeline. */
export const IncidentUpdateSchema = z.strictObject({
  /** When the update was published. */
  at: TimestampSchema,
  status: IncidentStatusSchema,
  /** Plain Markdown; raw HTML is not rendered. */
  body: UpdateTextSchema,
  /** Statuses this update sets; products not named keep the status they had. */
  components: ComponentStatusChangesSchema.default({}),
  /** When the next update was promised, if one was. */
  next_update_at: TimestampSchema.optional(),
  /** The ready-made texts for residents and the KCC that the message of this update carried. */
  ...ReadyTextFields,
});
export type IncidentUpdate = z.infer<typeof IncidentUpdateSchema>;

/**
 * The front matter of content/incidents/<id>.md. The id is the file name; the file's Markdown
 * body, when present, is the postmortem.
 */
const incidentFields = {
    title: TitleTextSchema,
    impact: ImpactSchema,
    /** Ids of the affected products. */
    components: z.array(SlugSchema).min(1),
    scope: ScopeSchema,
    /**
     * When the outage began, if that was before the first update (it usually is: it is noticed,
     * then reported). Absent: the first update's time. Mail and the page say "begon om" with it.
     */
    started_at: TimestampSchema.optional(),
    /**
     * What municipalities can do meanwhile to keep serving citizens. Outage advice: never shown
     * once the incident is resolved (the products' guidance for after recovery is shown instead).
     */
    workaround: UpdateTextSchema.optional(),
    /**
     * This incident was a duplicate and is merged into the named one (issue 11): it is resolved,
     * its page stays (links and feeds keep working) and points to the incident that goes on.
     */
    merged_into: SlugSchema.optional(),
    /** Exercise incidents never appear on any public surface. */
    drill: z.boolean().default(false),
    /**
     * Opened, but its first notice still waits for a second person's approval (issue 11): the
     * public gate (buildReadModel) drops it until approval removes the flag.
     */
    awaiting_approval: z.literal(true).optional(),
    updates: z.array(IncidentUpdateSchema).min(1),
};

function checkIncidentConsistency(
  incident: { components: string[]; updates: IncidentUpdate[]; started_at?: Date | undefined; merged_into?: string | undefined },
  ctx: z.RefinementCtx,
): void {
    incident.updates.forEach((update, index) => {
      for (const componentId of Object.keys(update.components)) {
        if (!incident.components.includes(componentId)) {
          ctx.addIssue({ code: 'custom', path: ['updates', index, 'components', componentId], ...problem('product_not_in_incident', { id: componentId, options: incident.components }) });
        }
      }
    });
    const first = incident.updates.reduce<IncidentUpdate | undefined>((earliest, update) => (!earliest || update.at.getTime() < earliest.at.getTime() ? update : earliest), undefined);
    if (incident.started_at && first && incident.started_at.getTime() > first.at.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['started_at'], ...problem('started_after_first_update') });
    }
    if (incident.merged_into && !incident.updates.some((update) => update.status === 'resolved')) {
      ctx.addIssue({ code: 'custom', path: ['merged_into'], ...problem('merged_not_resolved') });
    }
    const resolvedAt = incident.updates.findIndex((update) => update.status === 'resolved');
    if (resolvedAt !== -1 && resolvedAt !== latestIndex(incident.updates)) {
      ctx.addIssue({ code: 'custom', path: ['updates', resolvedAt, 'status'], ...problem('resolved_not_last') });
    }
}

export const IncidentFrontmatterSchema = z.strictObject(incidentFields).superRefine(checkIncidentConsistency, WHEN_WELL_FORMED);

export const IncidentSchema = z
  .strictObject({
    id: SlugSchema,
    ...incidentFields,
    /** Root-cause analysis published after resolution. */
    postmortem: LocalizedTextSchema.optional(),
  })
  .superRefine(checkIncidentConsistency, WHEN_WELL_FORMED);
export type Incident = z.infer<typeof IncidentSchema>;
export type IncidentInput = z.input<typeof IncidentSchema>;

function latestIndex(updates: readonly { at: Date }[]): number {
  let latest = 0;
  updates.forEach((update, index) => {
    if (update.at.getTime() >= updates[latest]!.at.getTime()) latest = index;
  });
  return latest;
}

/** Updates oldest first; content files may list them in any order. */
export function chronologicalUpdates<T extends { at: Date }>(updates: readonly T[]): T[] {
  return [...updates].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Facts that follow from an incident's updates. */
export interface IncidentTimes {
  status: IncidentStatus;
  startedAt: Date;
  updatedAt: Date;
  monitoringAt: Date | null;
  resolvedAt: Date | null;
  /** Promised time of the next update, from the latest update; null once resolved. */
  nextUpdateAt: Date | null;
}

export function deriveIncidentTimes(incident: Pick<Incident, 'updates'> & { started_at?: Date | undefined }): IncidentTimes {
  const updates = chronologicalUpdates(incident.updates);
  const first = updates[0]!;
  const latest = updates[updates.length - 1]!;
  const resolved = latest.status === 'resolved';
  return {
    status: latest.status,
    // The outage's own start when it was given; otherwise the first notice.
    startedAt: incident.started_at ?? first.at,
    updatedAt: latest.at,
    monitoringAt: updates.find((update) => update.status === 'monitoring')?.at ?? null,
    resolvedAt: resolved ? latest.at : null,
    nextUpdateAt: resolved ? null : (latest.next_update_at ?? null),
  };
}

/** A span of time in which an incident held a product at one status. `end` null = still going. */
export interface StatusWindow {
  componentId: string;
  status: ComponentStatus;
  start: Date;
  end: Date | null;
}

/**
 * The status windows an incident imposed on its products. A status holds from the update that
 * set it until a later update changes it, or until the incident is resolved.
 */
export function incidentStatusWindows(incident: Pick<Incident, 'updates'>): StatusWindow[] {
  const windows: StatusWindow[] = [];
  const open = new Map<string, StatusWindow>();
  for (const update of chronologicalUpdates(incident.updates)) {
    for (const [componentId, status] of Object.entries(update.components)) {
      const current = open.get(componentId);
      if (current) {
        current.end = update.at;
        open.delete(componentId);
      }
      if (status !== 'operational') {
        const window: StatusWindow = { componentId, status, start: update.at, end: null };
        windows.push(window);
        open.set(componentId, window);
      }
    }
    if (update.status === 'resolved') {
      for (const window of open.values()) window.end = update.at;
      open.clear();
    }
  }
  return windows.filter((window) => window.end === null || window.end.getTime() > window.start.getTime());
}
