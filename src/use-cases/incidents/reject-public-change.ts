import { z } from 'zod';
import { Refusal } from '../../domain/index.ts';
import { transaction } from '../../store/database.ts';
import { decidePublicChange, findPublicChange, type PublicChangeRecord } from '../../store/public-changes-repository.ts';
import { audit } from '../audit.ts';
import { authorise, type SignedInUser } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';
import { requirePending } from './approve-public-change.ts';

export const RejectPublicChangeInputSchema = z.strictObject({
  changeId: z.string().min(1),
  /** Kept and shown to the author, so they know what to change. */
  reason: z.string().trim().min(5).max(2000),
});

/**
 * An approver sends an offered change back with a reason: nothing of it reaches the page. A
 * rejected opening leaves the incident out of the public page for good (its id is never reused);
 * the author opens a corrected one. For a first notice that went on the page at once, the review
 * found it wrong: the reason tells the incident manager to correct it with an update.
 */
export function rejectPublicChange(ctx: UseCaseContext, approver: SignedInUser, input: z.input<typeof RejectPublicChangeInputSchema>): PublicChangeRecord {
  authorise(approver, 'message.reject');
  const parsed = parseInput(RejectPublicChangeInputSchema, input);
  const at = ctx.clock.now();
  return transaction(ctx.db, () => {
    const change = requirePending(ctx, parsed.changeId);
    if (change.authorId === approver.userId) throw new Refusal('own_public_change', { detail: change.id });
    decidePublicChange(ctx.db, { id: change.id, state: 'rejected', by: approver.userId, at, reason: parsed.reason });
    audit(ctx, approver, {
      action: 'public_change_rejected',
      subject: { type: 'public_change', id: change.id },
      details: { kind: change.kind, incident: change.incidentId, hash: change.contentHash, reason: parsed.reason, ...(change.atOnce ? { at_once: true } : {}) },
      at,
    });
    return findPublicChange(ctx.db, change.id)!;
  });
}
