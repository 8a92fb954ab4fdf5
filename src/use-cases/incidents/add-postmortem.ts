import { z } from 'zod';
import { sanitiseMarkdown } from '../../content/serialise-content.ts';
import { writeIncidentFile } from '../../content/write-content.ts';
import { deriveIncidentTimes, IncidentSchema, Refusal, SlugSchema, type Incident } from '../../domain/index.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';
import { auditedWrite, validateResult, type ContentChange, type ContentChangeOptions } from './content-change.ts';
import { incidentAsInput, requireIncident } from './incident-parts.ts';

export const AddPostmortemInputSchema = z.strictObject({
  id: SlugSchema,
  /** Plain Markdown; stored as the incident file's body. Replaces an earlier postmortem. */
  postmortem: z.string().trim().min(1),
});
export type AddPostmortemInput = z.input<typeof AddPostmortemInputSchema>;

/** Publishes (or replaces) the root-cause analysis of a resolved incident. */
export function addPostmortem(ctx: UseCaseContext, caller: Caller, input: AddPostmortemInput, options: ContentChangeOptions = {}): ContentChange & { kind: 'incident' } {
  authorise(caller, 'incident.manage');
  const parsed = parseInput(AddPostmortemInputSchema, input);

  return auditedWrite(ctx, caller, () => {
    const incident = requireIncident(ctx, parsed.id);
    if (deriveIncidentTimes(incident).status !== 'resolved') throw new Refusal('incident_not_resolved', { detail: incident.id });
    const changed: Incident = validateResult(IncidentSchema, { ...incidentAsInput(incident), postmortem: sanitiseMarkdown(parsed.postmortem) });
    const at = options.at ?? ctx.clock.now();
    return {
      audit: { action: 'postmortem_added', kind: 'incident', id: incident.id, at, details: { replaced: incident.postmortem !== undefined, ...options.auditDetails } },
      write: () => ({ kind: 'incident', action: 'postmortem_added', id: incident.id, drill: ctx.drill, file: writeIncidentFile(ctx.content.dir, changed), incident: changed }),
    };
  });
}
