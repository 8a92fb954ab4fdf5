import type { MessageState, MessageSubject } from '../../domain/message-lifecycle.ts';
import { findMessage as findMessageRecord, listMessages as listMessageRows, type MessageRecord, type MessageSummary } from '../../store/messages-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

export type { MessageRecord, MessageSummary };

/** Messages, most recently changed first: all of them, or those of one subject or in some states. */
export function listMessages(ctx: UseCaseContext, caller: Caller, filter: { states?: readonly MessageState[]; subject?: MessageSubject; limit?: number } = {}): MessageSummary[] {
  authorise(caller, 'message.view');
  return listMessageRows(ctx.db, filter);
}

/** One message with its draft, submission, approval and publication state, or null. */
export function findMessage(ctx: UseCaseContext, caller: Caller, id: string): MessageRecord | null {
  authorise(caller, 'message.view');
  return findMessageRecord(ctx.db, id);
}
