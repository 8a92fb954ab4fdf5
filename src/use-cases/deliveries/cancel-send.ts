import { transaction } from '../../store/database.ts';
import { setOutboxMessageState } from '../../store/outbox-repository.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

/**
 * Cancels the rest of a send: queued and retrying deliveries become 'cancelled'. What was already
 * handed to the SMTP server cannot be recalled; deliveries in flight finish and keep their result.
 */
export function cancelSend(ctx: UseCaseContext, caller: Caller, input: { messageId: string }): { cancelled: number } {
  authorise(caller, 'message.cancel');
  return transaction(ctx.db, () => {
    const cancelled = setOutboxMessageState(ctx.db, input.messageId, ['active', 'paused'], 'cancelled', ctx.clock.now());
    audit(ctx, caller, { action: 'delivery_cancelled', subject: { type: 'message', id: input.messageId }, details: { cancelled } });
    return { cancelled };
  });
}
