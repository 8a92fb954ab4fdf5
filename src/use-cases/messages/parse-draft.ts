import { invalidInput, problemsFromZod } from '../../domain/index.ts';
import { MessageDraftSchema, type MessageDraft } from '../../domain/message-lifecycle.ts';

/** The compose form's values as a MessageDraft, or a refusal naming each bad field. */
export function parseDraft(input: unknown): MessageDraft {
  const parsed = MessageDraftSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw invalidInput(problemsFromZod(parsed.error));
  return parsed.data;
}
