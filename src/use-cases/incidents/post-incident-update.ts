import { z } from 'zod';
import { writeIncidentFile } from '../../content/write-content.ts';
import { IncidentSchema, IncidentUpdateSchema, SlugSchema, type Incident } from '../../domain/index.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';
import { auditedWrite, checkReferences, requireFuture, updateTime, validateResult, type ContentChange, type ContentChangeOptions } from './content-change.ts';
import { incidentAsInput, OpenIncidentStatusSchema, requireIncident, requireUnresolved, updateInput } from './incident-parts.ts';

/** A timeline entry (the domain's IncidentUpdate) of a named open incident; its time is the clock's. A product not yet in the incident is added to it (the outage spread). */
export const PostIncidentUpdateInputSchema = IncidentUpdateSchema.omit({ at: true }).extend({ id: SlugSchema, status: OpenIncidentStatusSchema });
export type PostIncidentUpdateInput = z.input<typeof PostIncidentUpdateInputSchema>;

/** Adds an update to an open incident's timeline. */
export function postIncidentUpdate(ctx: UseCaseContext, caller: Caller, input: PostIncidentUpdateInput, options: ContentChangeOptions = {}): ContentChange & { kind: 'incident' } {
  authorise(caller, 'incident.manage');
  const parsed = parseInput(PostIncidentUpdateInputSchema, input);

  return auditedWrite(ctx, caller, () => {
    const incident = requireIncident(ctx, parsed.id);
    const at = updateTime(ctx, options, requireUnresolved(incident));
    requireFuture('next_update_at', parsed.next_update_at, at);
    const added = Object.keys(parsed.components).filter((id) => !incident.components.includes(id));
    const components = [...incident.components, ...added];
    if (added.length > 0) checkReferences(ctx, { components: added, scope: 'all' });
    const changed: Incident = validateResult(IncidentSchema, {
      ...incidentAsInput(incident),
      components,
      updates: [
        ...incidentAsInput(incident).updates,
        updateInput(at, parsed),
      ],
    });
    return {
      audit: {
        action: 'incident_updated',
        kind: 'incident',
        id: incident.id,
        at,
        details: { status: parsed.status, components: parsed.components, ...(added.length > 0 ? { addedComponents: added } : {}), ...options.auditDetails },
      },
      write: () => ({ kind: 'incident', action: 'incident_updated', id: incident.id, drill: ctx.drill, file: writeIncidentFile(ctx.content.dir, changed), incident: changed }),
    };
  });
}
