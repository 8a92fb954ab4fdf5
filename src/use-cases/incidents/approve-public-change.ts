import { writeIncidentFile } from '../../content/write-content.ts';
import { IncidentSchema, Refusal } from '../../domain/index.ts';
import { transaction } from '../../store/database.ts';
import { decidePublicChange, findPublicChange, type PublicChangeRecord } from '../../store/public-changes-repository.ts';
import { audit } from '../audit.ts';
import { authorise, type SignedInUser, type SystemCaller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { assertSeparationOfDuties, auditDutySeparationRefusal, DUTY_SEPARATION_CODES } from '../separation-of-duties.ts';
import { changeIncident } from './change-incident.ts';
import { validateResult } from './content-change.ts';
import { incidentAsInput, requireIncident } from './incident-parts.ts';
import { mergeIncident } from './merge-incident.ts';
import { postIncidentUpdate } from './post-incident-update.ts';
import { canonicalPublicChange, hashOf, openingContent, parsePublicChangeContent } from './public-change-content.ts';
import { resolveIncident } from './resolve-incident.ts';

/** The audit actor of the incident updates an approval puts on the page. */
export const APPROVED_CHANGE_PUBLISHER: SystemCaller = { kind: 'system', name: 'publicatie van goedgekeurde wijziging' };

/**
 * A second person approves a change of the public page (issue 11, item 4): four-eyes (never the
 * author), separation of duties (separation-of-duties.ts, and the database trigger of migration
 * 0702), and the hash the approver read must be the hash that was offered. An opening is compared
 * with the incident file once more: changed since → voided, nothing goes public. Then, in the same
 * transaction, the change is applied through the same verbs a person's change takes (audit entry,
 * "never before the latest update", the build's schema) and the page is rebuilt. A first notice
 * that went on the page at once is only marked reviewed.
 */
export function approvePublicChange(ctx: UseCaseContext, approver: SignedInUser, input: { changeId: string; hash: string }): PublicChangeRecord {
  authorise(approver, 'message.approve');
  const at = ctx.clock.now();
  let outcome: PublicChangeRecord | 'voided';
  try {
    outcome = transaction(ctx.db, (): PublicChangeRecord | 'voided' => {
      const change = requirePending(ctx, input.changeId);
      if (change.authorId === approver.userId) throw new Refusal('own_public_change', { detail: change.id });
      assertSeparationOfDuties(ctx.db, { approverId: approver.userId, authorId: change.authorId, at });
      if (input.hash !== change.contentHash || hashOf(change.content) !== change.contentHash) throw new Refusal('public_change_decided', { detail: `${change.id}: hash ${input.hash} is not the offered ${change.contentHash}` });
      const content = parsePublicChangeContent(change.content);
      const details = { kind: change.kind, incident: change.incidentId, hash: change.contentHash, author_id: change.authorId, ...(change.atOnce ? { at_once: true } : {}) };
      if (content.kind === 'open') {
        const incident = requireIncident(ctx, change.incidentId);
        if (canonicalPublicChange(openingContent(incident)).hash !== change.contentHash) {
          // Recorded and committed; the refusal follows after the commit.
          decidePublicChange(ctx.db, { id: change.id, state: 'voided', by: approver.userId, at, reason: null });
          audit(ctx, approver, { action: 'public_change_voided', subject: { type: 'public_change', id: change.id }, details, at });
          return 'voided';
        }
        decidePublicChange(ctx.db, { id: change.id, state: 'approved', by: approver.userId, at, reason: null });
        audit(ctx, approver, { action: 'public_change_approved', subject: { type: 'public_change', id: change.id }, details, at });
        if (incident.awaiting_approval) {
          const { awaiting_approval: _hidden, ...visible } = incidentAsInput(incident);
          writeIncidentFile(ctx.content.dir, validateResult(IncidentSchema, visible));
        }
        return findPublicChange(ctx.db, change.id)!;
      }
      decidePublicChange(ctx.db, { id: change.id, state: 'approved', by: approver.userId, at, reason: null });
      audit(ctx, approver, { action: 'public_change_approved', subject: { type: 'public_change', id: change.id }, details, at });
      const options = { auditDetails: { public_change: change.id, proposed_by: change.authorName, approved_by: approver.name } };
      if (content.kind === 'update') postIncidentUpdate(ctx, APPROVED_CHANGE_PUBLISHER, content.input, options);
      else if (content.kind === 'change') changeIncident(ctx, APPROVED_CHANGE_PUBLISHER, content.input, options);
      else if (content.kind === 'merge') mergeIncident(ctx, APPROVED_CHANGE_PUBLISHER, content.input, options);
      else resolveIncident(ctx, APPROVED_CHANGE_PUBLISHER, content.input, options);
      return findPublicChange(ctx.db, change.id)!;
    });
  } catch (error) {
    if (Refusal.is(error) && DUTY_SEPARATION_CODES.has(error.code)) {
      auditDutySeparationRefusal(ctx, approver, error, { type: 'public_change', id: input.changeId });
    }
    throw error;
  }
  if (outcome === 'voided') throw new Refusal('public_change_voided', { detail: input.changeId });
  // The opening's rewrite has no verb of its own to ask; the other kinds asked already (a second request is harmless).
  ctx.publisher.requestPublish(`public change ${input.changeId} approved`);
  return outcome;
}

export function requirePending(ctx: Pick<UseCaseContext, 'db' | 'drill'>, changeId: string): PublicChangeRecord {
  const change = findPublicChange(ctx.db, changeId);
  if (!change || change.drill !== ctx.drill) throw new Refusal('public_change_not_found', { detail: changeId });
  if (change.state !== 'pending') throw new Refusal('public_change_decided', { detail: `${change.id} is ${change.state}` });
  return change;
}
