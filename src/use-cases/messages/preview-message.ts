import { RoleRequiredError, type MessageActor, type MessageDraftInput } from '../../domain/message-lifecycle.ts';
import type { ApprovalRecipient, ApprovalRendering } from '../../domain/approval-hash.ts';
import { countReachableContacts } from '../../store/contacts-repository.ts';
import { computeApproval } from './approval-content.ts';
import { channelPreviewsOf, type ChannelPreview } from '../channels/preview-channels.ts';
import { parseDraft } from './parse-draft.ts';
import type { UseCaseContext } from '../context.ts';

export interface MessagePreview {
  /** Every language exactly as it would go out (with the unsubscribe placeholder). */
  renderings: ApprovalRendering[];
  /** Who would receive it if it were approved now. */
  audience: ApprovalRecipient[];
  /** What each Teams, Slack and webhook destination would receive if it were approved now. */
  channels: ChannelPreview[];
  /** Contacts that can receive mail at all: with none, an empty audience is not about the scope. */
  contactsOnFile: number;
}

/**
 * The compose screen's preview: the unsaved form rendered through the same path submit and
 * approve use, with the audience as of now. Stores nothing. A bad form or values the template
 * refuses are a refusal naming each field. Drill marking follows the context.
 */
export function previewMessage(
  ctx: UseCaseContext,
  actor: MessageActor,
  input: { draft: MessageDraftInput; messageId?: string },
): MessagePreview {
  if (!actor.roles.includes('composer') && !actor.roles.includes('approver')) throw new RoleRequiredError('edit', ['composer', 'approver']);
  const draft = parseDraft({ ...input.draft, drill: ctx.drill });
  const { content } = computeApproval(ctx, { id: input.messageId ?? 'preview', draft });
  const dutch = content.renderings.find((rendering) => rendering.lang === 'nl')!;
  const channels = channelPreviewsOf(ctx, { id: input.messageId ?? 'preview', draft }, dutch);
  return { renderings: [...content.renderings], audience: [...content.audience], channels, contactsOnFile: countReachableContacts(ctx.db) };
}
