import { transaction } from '../../store/database.ts';
import { setOutboxMessageState } from '../../store/outbox-repository.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

/** Stops the dispatcher from claiming more deliveries of a message; those in flight finish. */
export function pauseSend(ctx: UseCaseContext, caller: Caller, input: { messageId: string }): { waiting: number } {
  authorise(caller, 'message.cancel');
  return transaction(ctx.db, () => {
    const waiting = setOutboxMessageState(ctx.db, input.messageId, ['active'], 'paused', ctx.clock.now());
    audit(ctx, caller, { action: 'delivery_paused', subject: { type: 'message', id: input.messageId }, details: { waiting } });
    return { waiting };
  });
}
