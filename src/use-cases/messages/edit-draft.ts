import { decideMessageTransition, DrillFlagChangeError, type MessageActor, type MessageDraftInput } from '../../domain/message-lifecycle.ts';
import { transaction } from '../../store/database.ts';
import { addContributor, requireMessage, updateMessageDraft, type MessageRecord } from '../../store/messages-repository.ts';
import { auditMessage } from './audit-message.ts';
import { parseDraft } from './parse-draft.ts';
import type { UseCaseContext } from '../context.ts';

/**
 * Saves the compose form over a draft. Whoever edits becomes a contributor and so can no longer
 * approve it. `expectedRevision` is the revision the form was loaded at: a form saved over
 * someone else's newer edit is refused instead of silently undoing it.
 */
export function editDraft(
  ctx: UseCaseContext,
  actor: MessageActor,
  input: { messageId: string; expectedRevision: number; draft: MessageDraftInput },
): MessageRecord {
  const at = ctx.clock.now();
  return transaction(ctx.db, () => {
    const message = requireMessage(ctx.db, input.messageId);
    decideMessageTransition(message, 'edit', actor);
    // The compose form does not carry the drill flag; it stays what it was at creation.
    const draft = parseDraft({ ...input.draft, drill: input.draft.drill ?? message.draft.drill });
    if (draft.drill !== message.draft.drill) throw new DrillFlagChangeError();
    updateMessageDraft(ctx.db, message.id, input.expectedRevision, draft, at);
    addContributor(ctx.db, message.id, actor.userId, 'edited', at);
    auditMessage(ctx.db, {
      actor,
      event: 'edited',
      message: { id: message.id, drill: draft.drill },
      at,
      state: 'draft',
      details: { template_id: draft.template_id },
    });
    return requireMessage(ctx.db, message.id);
  });
}
