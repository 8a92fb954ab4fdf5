import { z } from 'zod';
import { transaction } from '../../store/database.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';

/** The form of the dashboard's "Opnieuw kopiëren" button: which copy (`doel`). */
export const RetryPublishTargetInputSchema = z.strictObject({ doel: z.enum(['s3', 'command']) });
export type RetryPublishTargetInput = z.input<typeof RetryPublishTargetInputSchema>;

/**
 * "Opnieuw kopiëren": an admin tries a failed copy of the status page (S3, the command hook) again
 * now, e.g. after fixing the bucket's key or the second host, instead of waiting up to 15 minutes
 * for the next automatic attempt. Audited when it starts a copy; `retried` false when that copy
 * had not failed (any more: its own retry may have just started it, or it is not configured).
 */
export function retryPublishTarget(ctx: UseCaseContext, caller: Caller, input: RetryPublishTargetInput | Record<string, unknown>): { retried: boolean } {
  authorise(caller, 'site.republish');
  const { doel } = parseInput(RetryPublishTargetInputSchema, input);
  const retried = ctx.publishTargets?.retryNow(doel) ?? false;
  if (retried) transaction(ctx.db, () => audit(ctx, caller, { action: 'publish_target_retry_requested', details: { target: doel } }));
  return { retried };
}
