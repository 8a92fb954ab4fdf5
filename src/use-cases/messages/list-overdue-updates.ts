import type { MessageSubject } from '../../domain/message-lifecycle.ts';
import { listOverdueUpdatePromises } from '../../store/messages-repository.ts';
import type { UseCaseContext } from '../context.ts';

export interface OverdueUpdate {
  subject: MessageSubject;
  messageId: string;
  promisedAt: Date;
  /** Whole minutes past the promised time. */
  minutesOverdue: number;
}

/**
 * For the dashboard: incidents and maintenance whose last approved message promised a next
 * update that has not come. `isOpen` drops subjects the content shows as ended (resolved
 * without a message, e.g. by an incident edit), which the message store cannot know.
 */
export function listOverdueUpdates(
  ctx: UseCaseContext,
  options: { isOpen?: (subject: MessageSubject) => boolean } = {},
): OverdueUpdate[] {
  const now = ctx.clock.now();
  return listOverdueUpdatePromises(ctx.db, now, { drill: ctx.drill })
    .filter((promise) => options.isOpen?.(promise.subject) ?? true)
    .map((promise) => ({
      subject: promise.subject,
      messageId: promise.messageId,
      promisedAt: promise.promisedAt,
      minutesOverdue: Math.floor((now.getTime() - promise.promisedAt.getTime()) / 60_000),
    }));
}
