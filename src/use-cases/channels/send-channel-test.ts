import { randomUUID } from 'node:crypto';
import { Refusal, type ChannelContent } from '../../domain/index.ts';
import { findChannelDestination } from '../../store/channels-repository.ts';
import { transaction } from '../../store/database.ts';
import { enqueueMessage } from '../../store/outbox-repository.ts';
import { audit, auditActorOf } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

const TEST_TEMPLATE = 'vrije-mededeling';

/**
 * The "test" button of a destination: a short test message queued in the real outbox to this one
 * destination, so it travels the exact way an outage message does (payload, signature, retries).
 * Returns the outbox message id, to follow on the delivery page.
 */
export function sendChannelTest(ctx: UseCaseContext, caller: Caller, input: { id: number }): string {
  authorise(caller, 'settings.manage');
  const destination = Number.isInteger(input.id) ? findChannelDestination(ctx.db, input.id) : null;
  if (!destination || destination.removedAt) throw new Refusal('channel_not_found');
  const now = ctx.clock.now();
  // The example notice through the production template path, as "send a test message to me" does.
  const values = ctx.templates.exampleValues(TEST_TEMPLATE, 'nl');
  const rendered = ctx.templates.render(TEST_TEMPLATE, 'nl', values, { drill: ctx.drill });
  const title = `TEST – ${rendered.subject}`;
  const messageId = `test-${randomUUID()}`;
  const content: ChannelContent = {
    messageId,
    subject: { kind: 'incident', id: 'test' },
    title,
    body: rendered.statusPageMarkdown,
    status: 'investigating',
    products: [],
    municipalities: [],
    meanwhile: null,
    nextUpdateAt: null,
    link: ctx.publicUrl,
    approvedAt: now.toISOString(),
    drill: ctx.drill,
    test: true,
  };
  transaction(ctx.db, () => {
    enqueueMessage(
      ctx.db,
      {
        messageId,
        threadKey: messageId,
        kind: 'test',
        drill: ctx.drill,
        approvedAt: now,
        expiryMinutes: 60,
        createdBy: caller.name,
        renderings: [{ lang: 'nl', subject: title, html: rendered.html, text: rendered.text }],
        recipients: [],
        channels: { content, destinations: [{ id: destination.id, name: destination.name }] },
      },
      auditActorOf(caller),
    );
    audit(ctx, caller, { action: 'channel_test_sent', subject: { type: 'channel', id: destination.id }, details: { message_id: messageId, name: destination.name }, at: now });
  });
  ctx.mail.wake();
  return messageId;
}
