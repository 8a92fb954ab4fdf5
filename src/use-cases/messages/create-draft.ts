import { randomUUID } from 'node:crypto';
import { assertMayTakeAction, type MessageActor, type MessageDraftInput } from '../../domain/message-lifecycle.ts';
import { transaction } from '../../store/database.ts';
import { insertMessageDraft, requireMessage, type MessageRecord } from '../../store/messages-repository.ts';
import { auditMessage } from './audit-message.ts';
import { parseDraft } from './parse-draft.ts';
import type { UseCaseContext } from '../context.ts';

/**
 * A composer starts a message; they are its author and can never approve it. The drill flag is
 * fixed here, by the context: a message about a drill incident is composed in the drill context.
 */
export function createDraft(
  ctx: UseCaseContext,
  actor: MessageActor,
  input: MessageDraftInput,
): MessageRecord {
  assertMayTakeAction(actor, 'edit');
  const parsed = parseDraft(input);
  const draft = { ...parsed, drill: ctx.drill };
  const id = (ctx.newId ?? randomUUID)();
  const at = ctx.clock.now();
  return transaction(ctx.db, () => {
    insertMessageDraft(ctx.db, { id, draft, authorId: actor.userId, at });
    auditMessage(ctx.db, {
      actor,
      event: 'drafted',
      message: { id, drill: draft.drill },
      at,
      state: 'draft',
      details: { subject: `${draft.subject.kind}:${draft.subject.id}`, template_id: draft.template_id },
    });
    return requireMessage(ctx.db, id);
  });
}
