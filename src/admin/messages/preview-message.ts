import { RoleRequiredError, type MessageActor, type MessageDraftInput } from '../../domain/message-lifecycle.ts';
import type { ApprovalRecipient, ApprovalRendering } from '../../domain/approval-hash.ts';
import { computeApproval } from './approval-content.ts';
import { parseDraft } from './parse-draft.ts';
import type { MessageDeps } from './ports.ts';

export interface MessagePreview {
  /** Every language exactly as it would go out (with the unsubscribe placeholder). */
  renderings: ApprovalRendering[];
  /** Who would receive it if it were approved now. */
  audience: ApprovalRecipient[];
}

/**
 * The compose screen's preview: the unsaved form rendered through the same path submit and
 * approve use, with the audience as of now. Stores nothing. Throws MessageInputError for a bad
 * form and the templates' TemplateError for values the template refuses (both name the field).
 */
export function previewMessage(
  deps: Pick<MessageDeps, 'db' | 'renderer' | 'audience'>,
  actor: MessageActor,
  input: { draft: MessageDraftInput; messageId?: string },
): MessagePreview {
  if (!actor.roles.includes('composer') && !actor.roles.includes('approver')) throw new RoleRequiredError('edit', ['composer', 'approver']);
  const draft = parseDraft(input.draft);
  const { content } = computeApproval(deps, { id: input.messageId ?? 'preview', draft });
  return { renderings: [...content.renderings], audience: [...content.audience] };
}
