import { readIncidentFile, readMaintenanceFile } from '../../content/write-content.ts';
import { IncidentStatusSchema, invalidInput, MaintenanceStatusSchema, Refusal } from '../../domain/index.ts';
import type { SystemCaller } from '../authorise.ts';
import type { StatusPageUpdate, UseCaseContext } from '../context.ts';
import { postMaintenanceUpdate } from '../maintenance/post-maintenance-update.ts';
import type { ContentChange } from './content-change.ts';
import { postIncidentUpdate, type PostIncidentUpdateInput } from './post-incident-update.ts';
import { resolveIncident } from './resolve-incident.ts';

/** The audit actor of updates that approved messages put on the page. */
export const MESSAGE_PUBLISHER: SystemCaller = { kind: 'system', name: 'publicatie van goedgekeurd bericht' };

/**
 * Puts an approved message's status-page text on the page as an update of its incident or
 * maintenance, through the same use cases a person's update takes (audit entry, "never before the
 * latest update", the build's schema). Idempotent: an update at the same instant already in the
 * file means a retry, and nothing is written again. Returns the change, or null when it was there.
 */
export function appendStatusPageUpdate(ctx: UseCaseContext, update: StatusPageUpdate): ContentChange | null {
  // Defence in depth: the composition root hands drill messages only to the drill context.
  if (update.drill !== ctx.drill) throw new Error(`message ${update.messageId} (drill: ${update.drill}) reached the ${ctx.drill ? 'drill' : 'live'} content`);
  const options = { at: update.at, auditDetails: { messageId: update.messageId } };
  const sameInstant = (posted: { at: Date }) => posted.at.getTime() === update.at.getTime();
  if (update.subject.kind === 'incident') {
    const existing = readIncidentFile(ctx.content.dir, update.subject.id);
    if (!existing) throw new Refusal('subject_not_found', { detail: update.subject.id });
    if (existing.updates.some(sameInstant)) return null;
    const status = IncidentStatusSchema.safeParse(update.status);
    if (!status.success) throw invalidInput([{ field: 'status', code: 'status_not_allowed' }]);
    if (status.data === 'resolved') return resolveIncident(ctx, MESSAGE_PUBLISHER, { id: update.subject.id, body: update.body, ...update.readyTexts }, options);
    return postIncidentUpdate(
      ctx,
      MESSAGE_PUBLISHER,
      {
        id: update.subject.id,
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
  const existing = readMaintenanceFile(ctx.content.dir, update.subject.id);
  if (!existing) throw new Refusal('subject_not_found', { detail: update.subject.id });
  if (existing.updates.some(sameInstant)) return null;
  const status = MaintenanceStatusSchema.safeParse(update.status);
  if (!status.success) throw invalidInput([{ field: 'status', code: 'status_not_allowed' }]);
  return postMaintenanceUpdate(ctx, MESSAGE_PUBLISHER, { id: update.subject.id, status: status.data, body: update.body }, options);
}
