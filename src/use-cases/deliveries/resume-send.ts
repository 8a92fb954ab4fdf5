import { transaction } from '../../store/database.ts';
import { setOutboxMessageState } from '../../store/outbox-repository.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

/** Lets the dispatcher continue a paused send, and wakes it. */
export function resumeSend(ctx: UseCaseContext, caller: Caller, input: { messageId: string }): { waiting: number } {
  authorise(caller, 'message.cancel');
  const result = transaction(ctx.db, () => {
    const waiting = setOutboxMessageState(ctx.db, input.messageId, ['paused'], 'active', ctx.clock.now());
    audit(ctx, caller, { action: 'delivery_resumed', subject: { type: 'message', id: input.messageId }, details: { waiting } });
    return { waiting };
  });
  ctx.mail.wake();
  return result;
}
