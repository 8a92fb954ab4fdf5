import { z } from 'zod';
import { sanitiseReadyTexts, sanitiseText } from '../../content/serialise-content.ts';
import { writeIncidentFile } from '../../content/write-content.ts';
import { IncidentSchema, ReadyTextFields, SlugSchema, UpdateTextSchema, type Incident } from '../../domain/index.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';
import { auditedWrite, updateTime, validateResult, type ContentChange, type ContentChangeOptions } from './content-change.ts';
import { incidentAsInput, requireIncident, requireUnresolved } from './incident-parts.ts';

export const ResolveIncidentInputSchema = z.strictObject({
  id: SlugSchema,
  body: UpdateTextSchema,
  /** Texts for residents and the KCC for after recovery that went out with the resolution. */
  ...ReadyTextFields,
});
export type ResolveIncidentInput = z.input<typeof ResolveIncidentInputSchema>;

/**
 * Resolves an incident: a final update that returns every affected product to operational, so
 * the timeline and the API's affected_components say so explicitly.
 */
export function resolveIncident(ctx: UseCaseContext, caller: Caller, input: ResolveIncidentInput, options: ContentChangeOptions = {}): ContentChange & { kind: 'incident' } {
  authorise(caller, 'incident.manage');
  const parsed = parseInput(ResolveIncidentInputSchema, input);

  return auditedWrite(ctx, caller, () => {
    const incident = requireIncident(ctx, parsed.id);
    const at = updateTime(ctx, options, requireUnresolved(incident));
    const operational = Object.fromEntries(incident.components.map((id) => [id, 'operational' as const]));
    const changed: Incident = validateResult(IncidentSchema, {
      ...incidentAsInput(incident),
      updates: [...incidentAsInput(incident).updates, { at: at.toISOString(), status: 'resolved', body: sanitiseText(parsed.body), components: operational, ...sanitiseReadyTexts(parsed) }],
    });
    const startedAt = changed.updates.reduce((first, update) => (update.at < first ? update.at : first), at);
    return {
      audit: { action: 'incident_resolved', kind: 'incident', id: incident.id, at, details: { durationMinutes: Math.round((at.getTime() - startedAt.getTime()) / 60_000), ...options.auditDetails } },
      write: () => ({ kind: 'incident', action: 'incident_resolved', id: incident.id, drill: ctx.drill, file: writeIncidentFile(ctx.content.dir, changed), incident: changed }),
    };
  });
}
