import { randomUUID } from 'node:crypto';
import { assertMayTakeAction, type MessageActor, type MessageDraftInput } from '../../domain/message-lifecycle.ts';
import { transaction } from '../../store/database.ts';
import { insertMessageDraft, requireMessage, type MessageRecord } from '../../store/messages-repository.ts';
import { auditMessage } from './audit-message.ts';
import { parseDraft } from './parse-draft.ts';
import type { MessageDeps } from './ports.ts';

/**
 * A composer starts a message; they are its author and can never approve it. The drill flag is
 * fixed here: the caller sets it for a drill incident, and an instance in drill mode forces it.
 */
export function createDraft(
  deps: Pick<MessageDeps, 'db' | 'clock' | 'newId'> & { instanceMode?: 'live' | 'drill' },
  actor: MessageActor,
  input: MessageDraftInput,
): MessageRecord {
  assertMayTakeAction(actor, 'edit');
  const parsed = parseDraft(input);
  const draft = deps.instanceMode === 'drill' ? { ...parsed, drill: true } : parsed;
  const id = (deps.newId ?? randomUUID)();
  const at = deps.clock.now();
  return transaction(deps.db, () => {
    insertMessageDraft(deps.db, { id, draft, authorId: actor.userId, at });
    auditMessage(deps.db, {
      actor,
      event: 'drafted',
      message: { id, drill: draft.drill },
      at,
      state: 'draft',
      details: { subject: `${draft.subject.kind}:${draft.subject.id}`, template_id: draft.template_id },
    });
    return requireMessage(deps.db, id);
  });
}
