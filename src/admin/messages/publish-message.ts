import {
  assertMayTakeAction,
  ConcurrentChangeError,
  nextMessageState,
  type MessageActor,
  type MessageState,
} from '../../domain/message-lifecycle.ts';
import { readyTextsFromValues } from '../../domain/guidance.ts';
import { transaction } from '../../store/database.ts';
import {
  listRenderings,
  markContentWritten,
  markPublished,
  recordPublicationFailure,
  requireMessage,
} from '../../store/messages-repository.ts';
import { auditMessage } from './audit-message.ts';
import type { MessageDeps, StatusPageUpdate } from './ports.ts';

export type PublicationResult =
  | { state: 'published'; publishedAt: Date }
  /** The message is approved and safe; publication failed and can be retried. */
  | { state: 'approved'; error: string; attempts: number };

/**
 * Puts an approved message's status-page text on the page: writes it as an update of its
 * incident or maintenance, then asks for a rebuild. Each step is recorded when done, so a retry
 * resumes where it failed. A failure never throws: the message stays approved (and queued for
 * delivery), the error is recorded for the dashboard, and this can simply be called again.
 */
export async function publishMessage(
  deps: Pick<MessageDeps, 'db' | 'clock' | 'statusPage' | 'publisher'>,
  actor: MessageActor | 'system',
  input: { messageId: string },
): Promise<PublicationResult> {
  if (actor !== 'system') assertMayTakeAction(actor, 'publish');
  const message = requireMessage(deps.db, input.messageId);
  if (message.state === 'published') return { state: 'published', publishedAt: message.publishedAt! };
  nextMessageState(message.state, 'publish');
  const approvedAt = message.approval!.at;
  try {
    if (!message.contentWrittenAt) {
      await deps.statusPage.appendUpdate(statusPageUpdate(deps, message.id, approvedAt));
      transaction(deps.db, () => markContentWritten(deps.db, message.id, deps.clock.now()));
    }
    await deps.publisher.requestPublish({ reason: `message ${message.id} approved`, drill: message.draft.drill });
    const at = deps.clock.now();
    transaction(deps.db, () => {
      markPublished(deps.db, message.id, at);
      auditMessage(deps.db, { actor, event: 'published', message: { id: message.id, drill: message.draft.drill }, at, state: 'published' });
    });
    return { state: 'published', publishedAt: at };
  } catch (error) {
    // Someone else's retry got there first: report what they achieved instead of a failure.
    if (error instanceof ConcurrentChangeError) return currentResult(deps, message.id);
    const description = describeError(error);
    const at = deps.clock.now();
    transaction(deps.db, () => {
      recordPublicationFailure(deps.db, message.id, description, at);
      auditMessage(deps.db, {
        actor,
        event: 'publication_failed',
        message: { id: message.id, drill: message.draft.drill },
        at,
        state: 'approved',
        details: { error: description },
      });
    });
    return currentResult(deps, message.id);
  }
}

function statusPageUpdate(deps: Pick<MessageDeps, 'db'>, messageId: string, at: Date): StatusPageUpdate {
  const message = requireMessage(deps.db, messageId);
  const renderings = listRenderings(deps.db, messageId);
  const nl = renderings.find((rendering) => rendering.lang === 'nl');
  if (!nl) throw new Error(`message ${messageId} has no Dutch rendering to publish`);
  const en = renderings.find((rendering) => rendering.lang === 'en');
  return {
    messageId,
    subject: message.draft.subject,
    drill: message.draft.drill,
    at,
    status: message.draft.status,
    components: message.draft.components,
    nextUpdateAt: message.draft.next_update_at ?? null,
    body: en ? { nl: nl.statusPageMarkdown, en: en.statusPageMarkdown } : { nl: nl.statusPageMarkdown },
    ...(message.draft.subject.kind === 'incident' ? { readyTexts: readyTextsFromValues(message.draft.values) } : {}),
  };
}

function currentResult(deps: Pick<MessageDeps, 'db'>, messageId: string): PublicationResult {
  const message = requireMessage(deps.db, messageId);
  const state: MessageState = message.state;
  if (state === 'published') return { state: 'published', publishedAt: message.publishedAt! };
  return { state: 'approved', error: message.publication.error ?? 'publication did not complete', attempts: message.publication.attempts };
}

/** One readable line (plus code) for the dashboard; stack traces belong in the server log. */
function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && !text.includes(code) ? `${text} [${code}]` : text).slice(0, 2000);
}
