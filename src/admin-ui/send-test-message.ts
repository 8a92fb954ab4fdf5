import { randomUUID } from 'node:crypto';
import type { HelderApp } from '../app/helder-app.ts';
import { auditActorOf, type SignedInUser } from '../auth/signed-in-user.ts';
import { enqueueMessage } from '../store/outbox-repository.ts';

const TEST_TEMPLATE = 'vrije-mededeling';

/**
 * "Send a test message to me": the example notice, rendered through the production template path
 * and queued in the real outbox to the signed-in user's own address, so it travels the exact way
 * an outage message does (transport, DKIM, headers). Returns the outbox message id.
 */
export function sendTestMessage(app: HelderApp, user: SignedInUser): string {
  const now = app.clock.now();
  const values = app.templates.exampleValues(TEST_TEMPLATE, 'nl');
  const rendered = app.deps.messages.renderer.render(TEST_TEMPLATE, 'nl', values, { drill: app.drillMode });
  const messageId = `test-${randomUUID()}`;
  enqueueMessage(
    app.db,
    {
      messageId,
      threadKey: messageId,
      kind: 'test',
      drill: app.drillMode,
      approvedAt: now,
      expiryMinutes: 60,
      createdBy: user.name,
      renderings: [{ lang: 'nl', subject: `TEST – ${rendered.subject}`, html: rendered.html, text: rendered.text }],
      recipients: [{ contactId: null, address: user.email, lang: 'nl', name: user.name }],
    },
    auditActorOf(user),
  );
  app.wakeDispatcher();
  return messageId;
}
