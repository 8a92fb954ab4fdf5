import { readIncidentFile, readMaintenanceFile } from '../../content/write-content.ts';
import { IncidentStatusSchema, MaintenanceStatusSchema } from '../../domain/index.ts';
import type { StatusPageUpdate, StatusPageWriter } from '../messages/ports.ts';
import type { SystemCaller } from '../../auth/signed-in-user.ts';
import { postMaintenanceUpdate } from '../maintenance/post-maintenance-update.ts';
import { ContentChangeError, contentDirFor, isDrill, type ContentChange, type ContentDeps } from './content-change.ts';
import { postIncidentUpdate, type PostIncidentUpdateInput } from './post-incident-update.ts';
import { resolveIncident } from './resolve-incident.ts';

const PUBLISHER: SystemCaller = { kind: 'system', name: 'message-publisher' };

/**
 * The content writer behind approved messages (the messages' StatusPageWriter port): the
 * status-page text becomes an update of its incident or maintenance. Idempotent: an update at
 * the same instant already in the file means a retry, and nothing is written again.
 */
export function createStatusPageWriter(deps: ContentDeps): StatusPageWriter {
  return { appendUpdate: (update) => void appendStatusPageUpdate(deps, update) };
}

/** Returns the change, or null when the update was already there. */
export function appendStatusPageUpdate(deps: ContentDeps, update: StatusPageUpdate): ContentChange | null {
  const options = { at: update.at, auditDetails: { messageId: update.messageId } };
  const drill = isDrill(deps, update.drill);
  const dir = contentDirFor(deps, drill);
  const reference = { id: update.subject.id, drill };
  if (update.subject.kind === 'incident') {
    const existing = readIncidentFile(dir, update.subject.id);
    if (existing?.updates.some((posted) => posted.at.getTime() === update.at.getTime())) return null;
    const status = IncidentStatusSchema.safeParse(update.status);
    if (!status.success) throw new ContentChangeError('invalid_input', [{ field: 'status', message: `"${update.status}" is geen incidentstatus (not an incident status)` }]);
    if (status.data === 'resolved') return resolveIncident(deps, PUBLISHER, { ...reference, body: update.body, ...update.readyTexts }, options);
    return postIncidentUpdate(
      deps,
      PUBLISHER,
      {
        ...reference,
        status: status.data,
        body: update.body,
        ...update.readyTexts,
        // Plain strings from the message; the use case's schema checks each status.
        components: { ...update.components } as PostIncidentUpdateInput['components'],
        ...(update.nextUpdateAt ? { next_update_at: update.nextUpdateAt.toISOString() } : {}),
      },
      options,
    );
  }
  const existing = readMaintenanceFile(dir, update.subject.id);
  if (existing?.updates.some((posted) => posted.at.getTime() === update.at.getTime())) return null;
  const status = MaintenanceStatusSchema.safeParse(update.status);
  if (!status.success) throw new ContentChangeError('invalid_input', [{ field: 'status', message: `"${update.status}" is geen onderhoudsstatus (not a maintenance status)` }]);
  return postMaintenanceUpdate(deps, PUBLISHER, { ...reference, status: status.data, body: update.body }, options);
}
