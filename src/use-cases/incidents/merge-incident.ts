import { z } from 'zod';
import { sanitiseText } from '../../content/serialise-content.ts';
import { writeIncidentFile } from '../../content/write-content.ts';
import { IncidentSchema, invalidInput, Refusal, SlugSchema, UpdateTextSchema, type Incident } from '../../domain/index.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';
import { auditedWrite, updateTime, validateResult, type ContentChange, type ContentChangeOptions } from './content-change.ts';
import { incidentAsInput, requireIncident, requireUnresolved } from './incident-parts.ts';

export const MergeIncidentInputSchema = z.strictObject({
  /** The duplicate. */
  id: SlugSchema,
  /** The incident that goes on. */
  into: SlugSchema,
  /** The duplicate's last public update: why it is closed and where the story goes on. */
  body: UpdateTextSchema,
});
export type MergeIncidentInput = z.input<typeof MergeIncidentInputSchema>;

/** Both incidents open, public and different: checked when offered and again when applied. */
export function requireMergeable(ctx: UseCaseContext, input: z.output<typeof MergeIncidentInputSchema>): { duplicate: Incident; survivor: Incident } {
  if (input.id === input.into) throw invalidInput([{ field: 'into', code: 'merge_into_itself' }]);
  const duplicate = requireIncident(ctx, input.id);
  const survivor = requireIncident(ctx, input.into);
  for (const incident of [duplicate, survivor]) {
    requireUnresolved(incident);
    if (incident.awaiting_approval) throw new Refusal('incident_awaiting_approval', { detail: incident.id });
  }
  return { duplicate, survivor };
}

/**
 * Merges a duplicate into the incident that goes on (issue 11, item 3): the duplicate gets a last
 * update that resolves it with the explanation, and `merged_into`, so its public page, feeds and
 * links keep working and point to the other incident. Its products return to operational there;
 * the incident that goes on keeps its own statuses. Audited on the duplicate.
 */
export function mergeIncident(ctx: UseCaseContext, caller: Caller, input: MergeIncidentInput, options: ContentChangeOptions = {}): ContentChange & { kind: 'incident' } {
  authorise(caller, 'incident.manage');
  const parsed = parseInput(MergeIncidentInputSchema, input);
  return auditedWrite(ctx, caller, () => {
    const { duplicate, survivor } = requireMergeable(ctx, parsed);
    const at = updateTime(ctx, options, requireUnresolved(duplicate));
    const operational = Object.fromEntries(duplicate.components.map((id) => [id, 'operational' as const]));
    const merged: Incident = validateResult(IncidentSchema, {
      ...incidentAsInput(duplicate),
      merged_into: survivor.id,
      updates: [...incidentAsInput(duplicate).updates, { at: at.toISOString(), status: 'resolved', body: sanitiseText(parsed.body), components: operational }],
    });
    return {
      audit: { action: 'incident_merged', kind: 'incident', id: duplicate.id, at, details: { into: survivor.id, ...options.auditDetails } },
      write: () => ({ kind: 'incident', action: 'incident_merged', id: duplicate.id, drill: ctx.drill, file: writeIncidentFile(ctx.content.dir, merged), incident: merged }),
    };
  });
}
