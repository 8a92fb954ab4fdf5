import { MessageDraftSchema, type MessageDraft } from '../../domain/message-lifecycle.ts';
import { MessageInputError } from './message-input-error.ts';

/** The compose form's values as a MessageDraft, or a MessageInputError naming each bad field. */
export function parseDraft(input: unknown): MessageDraft {
  const parsed = MessageDraftSchema.safeParse(input);
  if (!parsed.success) throw new MessageInputError(parsed.error);
  return parsed.data;
}
