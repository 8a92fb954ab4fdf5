import { randomUUID } from 'node:crypto';
import { transaction } from '../../store/database.ts';
import { enqueueMessage } from '../../store/outbox-repository.ts';
import { audit, auditActorOf } from '../audit.ts';
import { authorise, type SignedInUser } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

const TEST_TEMPLATE = 'vrije-mededeling';

/**
 * "Send a test message to me": the example notice, rendered through the production template path
 * and queued in the real outbox to the signed-in user's own address, so it travels the exact way
 * an outage message does (transport, DKIM, headers). Wakes the dispatcher; returns the outbox
 * message id to follow.
 */
export function sendTestMessage(ctx: UseCaseContext, user: SignedInUser): string {
  authorise(user, 'delivery.view');
  const now = ctx.clock.now();
  const values = ctx.templates.exampleValues(TEST_TEMPLATE, 'nl');
  const rendered = ctx.templates.render(TEST_TEMPLATE, 'nl', values, { drill: ctx.drill });
  const messageId = `test-${randomUUID()}`;
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
        createdBy: user.name,
        renderings: [{ lang: 'nl', subject: `TEST – ${rendered.subject}`, html: rendered.html, text: rendered.text }],
        recipients: [{ contactId: null, address: user.email, lang: 'nl', name: user.name }],
      },
      auditActorOf(user),
    );
    audit(ctx, user, { action: 'test_message_sent', subject: { type: 'message', id: messageId }, details: { to: user.email }, at: now });
  });
  ctx.mail.wake();
  return messageId;
}
