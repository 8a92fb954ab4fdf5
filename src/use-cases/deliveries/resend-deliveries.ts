import { transaction } from '../../store/database.ts';
import { requeueDeliveries } from '../../store/outbox-repository.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

/**
 * Sends a message again to its failed and unknown recipients only (or to the given ones among
 * them); sent, queued and expired recipients are left alone. The copies keep their Message-ID, so
 * a mail client that did get the first one shows one message. Wakes the dispatcher.
 */
export function resendDeliveries(ctx: UseCaseContext, caller: Caller, input: { messageId: string; deliveryIds?: readonly number[] | undefined }): { requeued: number } {
  authorise(caller, 'message.cancel');
  const result = transaction(ctx.db, () => {
    const requeued = requeueDeliveries(ctx.db, input.messageId, ctx.clock.now(), { expiryMinutes: ctx.mail.expiryMinutes, deliveryIds: input.deliveryIds });
    audit(ctx, caller, { action: 'delivery_resent', subject: { type: 'message', id: input.messageId }, details: { requeued } });
    return { requeued };
  });
  ctx.mail.wake();
  return result;
}
