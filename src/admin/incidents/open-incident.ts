import { z } from 'zod';
import type { Caller } from '../../auth/signed-in-user.ts';
import { newContentId, writeIncidentFile } from '../../content/write-content.ts';
import { sanitiseText } from '../../content/serialise-content.ts';
import { ImpactSchema, IncidentSchema, LocalizedTextSchema, localize, ScopeSchema, TimestampSchema, type Incident } from '../../domain/index.ts';
import { authoriseCaller } from '../authorise-caller.ts';
import {
  auditedWrite,
  checkReferences,
  ContentChangeError,
  contentDirFor,
  isDrill,
  parseInput,
  validateResult,
  type ContentChange,
  type ContentChangeOptions,
  type ContentDeps,
} from './content-change.ts';
import { ComponentChangesInputSchema, OpenIncidentStatusSchema } from './incident-parts.ts';

export const OpenIncidentInputSchema = z.strictObject({
  title: LocalizedTextSchema,
  impact: ImpactSchema,
  /** The affected products and the status each is in now. */
  components: ComponentChangesInputSchema.refine((changes) => Object.keys(changes).length > 0, 'kies minstens één product (choose at least one product)'),
  /** "all": every municipality using these products; or the chosen municipalities. */
  scope: ScopeSchema,
  workaround: LocalizedTextSchema.optional(),
  status: OpenIncidentStatusSchema.default('investigating'),
  /** The first update's text. */
  body: LocalizedTextSchema,
  next_update_at: TimestampSchema.optional(),
  drill: z.boolean().default(false),
});
export type OpenIncidentInput = z.input<typeof OpenIncidentInputSchema>;

/**
 * Opens an incident: a new file named "<Amsterdam date>-<slug of the Dutch title>", never a
 * name from the input. Drill incidents go to the drill content directory only.
 */
export function openIncident(deps: ContentDeps, caller: Caller, input: OpenIncidentInput, options: ContentChangeOptions = {}): ContentChange & { kind: 'incident' } {
  authoriseCaller(caller, 'incident.manage');
  const parsed = parseInput(OpenIncidentInputSchema, input);
  const drill = isDrill(deps, parsed.drill);
  const at = options.at ?? deps.clock.now();
  if (parsed.next_update_at && parsed.next_update_at.getTime() <= at.getTime()) {
    throw new ContentChangeError('invalid_input', [{ field: 'next_update_at', message: 'moet in de toekomst liggen (must be in the future)' }]);
  }
  const components = Object.keys(parsed.components);
  checkReferences(deps, { components, scope: parsed.scope });
  const dir = contentDirFor(deps, drill);

  return auditedWrite(deps, caller, () => {
    const title = sanitiseText(parsed.title);
    const id = newContentId(dir, 'incidents', at, localize(title, 'nl').text);
    const incident: Incident = validateResult(IncidentSchema, {
      id,
      title,
      impact: parsed.impact,
      components,
      scope: parsed.scope,
      ...(parsed.workaround ? { workaround: sanitiseText(parsed.workaround) } : {}),
      drill,
      updates: [
        {
          at: at.toISOString(),
          status: parsed.status,
          body: sanitiseText(parsed.body),
          components: parsed.components,
          ...(parsed.next_update_at ? { next_update_at: parsed.next_update_at.toISOString() } : {}),
        },
      ],
    });
    return {
      audit: { action: 'incident_opened', kind: 'incident', id, drill, at, details: { impact: incident.impact, components, scope: incident.scope, ...options.auditDetails } },
      write: () => ({ kind: 'incident', action: 'incident_opened', id, drill, file: writeIncidentFile(dir, incident), incident }),
    };
  });
}
