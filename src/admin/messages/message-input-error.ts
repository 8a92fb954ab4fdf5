import type { z } from 'zod';

/** A compose form that does not satisfy MessageDraftSchema; `issues` map onto the form fields. */
export class MessageInputError extends Error {
  readonly code = 'message_input_invalid';
  readonly issues: ReadonlyArray<{ field: string; message: string }>;

  constructor(error: z.ZodError) {
    const issues = error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(message)', message: issue.message }));
    super(`the message is not valid: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`);
    this.name = 'MessageInputError';
    this.issues = issues;
  }
}
