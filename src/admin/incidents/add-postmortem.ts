import { z } from 'zod';
import type { Caller } from '../../auth/signed-in-user.ts';
import { sanitiseMarkdown } from '../../content/serialise-content.ts';
import { writeIncidentFile } from '../../content/write-content.ts';
import { deriveIncidentTimes, IncidentSchema, SlugSchema, type Incident } from '../../domain/index.ts';
import { authoriseCaller } from '../authorise-caller.ts';
import { auditedWrite, ContentChangeError, parseInput, validateResult, type ContentChange, type ContentChangeOptions, type ContentDeps } from './content-change.ts';
import { incidentAsInput, requireIncident } from './incident-parts.ts';

export const AddPostmortemInputSchema = z.strictObject({
  id: SlugSchema,
  drill: z.boolean().default(false),
  /** Plain Markdown; stored as the incident file's body. Replaces an earlier postmortem. */
  postmortem: z.string().trim().min(1, 'mag niet leeg zijn (must not be empty)'),
});
export type AddPostmortemInput = z.input<typeof AddPostmortemInputSchema>;

/** Publishes (or replaces) the root-cause analysis of a resolved incident. */
export function addPostmortem(deps: ContentDeps, caller: Caller, input: AddPostmortemInput, options: ContentChangeOptions = {}): ContentChange & { kind: 'incident' } {
  authoriseCaller(caller, 'incident.manage');
  const parsed = parseInput(AddPostmortemInputSchema, input);

  return auditedWrite(deps, caller, () => {
    const { incident, dir, drill } = requireIncident(deps, parsed);
    if (deriveIncidentTimes(incident).status !== 'resolved') {
      throw new ContentChangeError('not_allowed', [
        { field: 'id', message: `incident "${incident.id}" is nog niet opgelost; een postmortem volgt na het oplossen (not resolved yet)` },
      ]);
    }
    const changed: Incident = validateResult(IncidentSchema, { ...incidentAsInput(incident), postmortem: sanitiseMarkdown(parsed.postmortem) });
    const at = options.at ?? deps.clock.now();
    return {
      audit: { action: 'postmortem_added', kind: 'incident', id: incident.id, drill, at, details: { replaced: incident.postmortem !== undefined, ...options.auditDetails } },
      write: () => ({ kind: 'incident', action: 'postmortem_added', id: incident.id, drill, file: writeIncidentFile(dir, changed), incident: changed }),
    };
  });
}
