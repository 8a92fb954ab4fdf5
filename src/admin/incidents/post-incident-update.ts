import { z } from 'zod';
import type { Caller } from '../../auth/signed-in-user.ts';
import { sanitiseReadyTexts, sanitiseText } from '../../content/serialise-content.ts';
import { writeIncidentFile } from '../../content/write-content.ts';
import { IncidentSchema, LocalizedTextSchema, ReadyTextFields, SlugSchema, TimestampSchema, type Incident } from '../../domain/index.ts';
import { authoriseCaller } from '../authorise-caller.ts';
import {
  auditedWrite,
  checkReferences,
  ContentChangeError,
  parseInput,
  updateTime,
  validateResult,
  type ContentChange,
  type ContentChangeOptions,
  type ContentDeps,
} from './content-change.ts';
import { ComponentChangesInputSchema, incidentAsInput, OpenIncidentStatusSchema, requireIncident, requireUnresolved } from './incident-parts.ts';

export const PostIncidentUpdateInputSchema = z.strictObject({
  id: SlugSchema,
  drill: z.boolean().default(false),
  status: OpenIncidentStatusSchema,
  body: LocalizedTextSchema,
  /** Status changes; a product not yet in the incident is added to it (the outage spread). */
  components: ComponentChangesInputSchema.default({}),
  next_update_at: TimestampSchema.optional(),
  /** Texts for residents and the KCC that went out with this update. */
  ...ReadyTextFields,
});
export type PostIncidentUpdateInput = z.input<typeof PostIncidentUpdateInputSchema>;

/** Adds an update to an open incident's timeline. */
export function postIncidentUpdate(
  deps: ContentDeps,
  caller: Caller,
  input: PostIncidentUpdateInput,
  options: ContentChangeOptions = {},
): ContentChange & { kind: 'incident' } {
  authoriseCaller(caller, 'incident.manage');
  const parsed = parseInput(PostIncidentUpdateInputSchema, input);

  return auditedWrite(deps, caller, () => {
    const { incident, dir, drill } = requireIncident(deps, parsed);
    const at = updateTime(deps, options, requireUnresolved(incident));
    if (parsed.next_update_at && parsed.next_update_at.getTime() <= at.getTime()) {
      throw new ContentChangeError('invalid_input', [{ field: 'next_update_at', message: 'moet in de toekomst liggen (must be in the future)' }]);
    }
    const added = Object.keys(parsed.components).filter((id) => !incident.components.includes(id));
    const components = [...incident.components, ...added];
    if (added.length > 0) checkReferences(deps, { components: added, scope: 'all' });
    const changed: Incident = validateResult(IncidentSchema, {
      ...incidentAsInput(incident),
      components,
      updates: [
        ...incidentAsInput(incident).updates,
        {
          at: at.toISOString(),
          status: parsed.status,
          body: sanitiseText(parsed.body),
          components: parsed.components,
          ...(parsed.next_update_at ? { next_update_at: parsed.next_update_at.toISOString() } : {}),
          ...sanitiseReadyTexts(parsed),
        },
      ],
    });
    return {
      audit: {
        action: 'incident_updated',
        kind: 'incident',
        id: incident.id,
        drill,
        at,
        details: { status: parsed.status, components: parsed.components, ...(added.length > 0 ? { addedComponents: added } : {}), ...options.auditDetails },
      },
      write: () => ({ kind: 'incident', action: 'incident_updated', id: incident.id, drill, file: writeIncidentFile(dir, changed), incident: changed }),
    };
  });
}
