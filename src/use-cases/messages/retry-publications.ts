import { listAwaitingPublication } from '../../store/messages-repository.ts';
import type { UseCaseContext } from '../context.ts';
import { publishMessage, type PublicationResult } from './publish-message.ts';

/**
 * Finishes publishing every approved message whose publication failed or was cut off (a crash
 * between approval and the content write). Run at start-up and on a timer; each message's
 * steps are idempotent, so running it while a user retries one is harmless.
 */
export async function retryPublications(
  ctx: UseCaseContext,
): Promise<Array<{ messageId: string; result: PublicationResult }>> {
  const results: Array<{ messageId: string; result: PublicationResult }> = [];
  for (const messageId of listAwaitingPublication(ctx.db, { drill: ctx.drill })) {
    results.push({ messageId, result: await publishMessage(ctx, 'system', { messageId }) });
  }
  return results;
}
