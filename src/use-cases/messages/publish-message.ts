import {
  assertMayTakeAction,
  ConcurrentChangeError,
  nextMessageState,
  type MessageActor,
  type MessageState,
} from '../../domain/message-lifecycle.ts';
import { readyTextsFromValues } from '../../domain/guidance.ts';
import { Refusal, storedRefusal } from '../../domain/refusal.ts';
import { transaction } from '../../store/database.ts';
import {
  listRenderings,
  markContentWritten,
  markPublished,
  recordPublicationFailure,
  requireMessage,
} from '../../store/messages-repository.ts';
import { auditMessage } from './audit-message.ts';
import type { StatusPageUpdate, UseCaseContext } from '../context.ts';
import { appendStatusPageUpdate } from '../incidents/append-status-page-update.ts';

export type PublicationResult =
  | { state: 'published'; publishedAt: Date }
  /** The message is approved and safe; publication failed and can be retried. */
  | { state: 'approved'; error: string; attempts: number };

/**
 * Puts an approved message's status-page text on the page: writes it as an update of its
 * incident or maintenance (which asks for a rebuild). Each step is recorded when done, so a retry
 * resumes where it failed. A failure never throws: the message stays approved (and queued for
 * delivery), the error is recorded for the dashboard, and this can simply be called again.
 */
export async function publishMessage(
  ctx: UseCaseContext,
  actor: MessageActor | 'system',
  input: { messageId: string },
): Promise<PublicationResult> {
  if (actor !== 'system') assertMayTakeAction(actor, 'publish');
  const message = requireMessage(ctx.db, input.messageId);
  if (message.state === 'published') return { state: 'published', publishedAt: message.publishedAt! };
  nextMessageState(message.state, 'publish');
  const approvedAt = message.approval!.at;
  try {
    if (!message.contentWrittenAt) {
      const written = appendStatusPageUpdate(ctx, statusPageUpdate(ctx, message.id, approvedAt));
      transaction(ctx.db, () => markContentWritten(ctx.db, message.id, ctx.clock.now()));
      // The update was there already (a crash after writing): the rebuild may not have been asked for.
      if (!written) ctx.publisher.requestPublish(`message ${message.id} approved`);
    } else ctx.publisher.requestPublish(`message ${message.id} approved`);
    const at = ctx.clock.now();
    transaction(ctx.db, () => {
      markPublished(ctx.db, message.id, at);
      auditMessage(ctx.db, { actor, event: 'published', message: { id: message.id, drill: message.draft.drill }, at, state: 'published' });
    });
    return { state: 'published', publishedAt: at };
  } catch (error) {
    // Someone else's retry got there first: report what they achieved instead of a failure.
    if (error instanceof ConcurrentChangeError) return currentResult(ctx, message.id);
    const description = describeError(error);
    const at = ctx.clock.now();
    transaction(ctx.db, () => {
      recordPublicationFailure(ctx.db, message.id, description, at);
      auditMessage(ctx.db, {
        actor,
        event: 'publication_failed',
        message: { id: message.id, drill: message.draft.drill },
        at,
        state: 'approved',
        details: { error: description },
      });
    });
    return currentResult(ctx, message.id);
  }
}

function statusPageUpdate(ctx: UseCaseContext, messageId: string, at: Date): StatusPageUpdate {
  const message = requireMessage(ctx.db, messageId);
  const renderings = listRenderings(ctx.db, messageId);
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

function currentResult(ctx: UseCaseContext, messageId: string): PublicationResult {
  const message = requireMessage(ctx.db, messageId);
  const state: MessageState = message.state;
  if (state === 'published') return { state: 'published', publishedAt: message.publishedAt! };
  return { state: 'approved', error: message.publication.error ?? 'publication did not complete', attempts: message.publication.attempts };
}

/** One readable line (plus code) for the dashboard; stack traces belong in the server log. */
function describeError(error: unknown): string {
  // A refusal is kept readable for the screens, which say it in the reader's language.
  if (Refusal.is(error)) return storedRefusal(error).slice(0, 2000);
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && !text.includes(code) ? `${text} [${code}]` : text).slice(0, 2000);
}
