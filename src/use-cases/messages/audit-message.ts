import type { MessageActor, MessageState } from '../../domain/message-lifecycle.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../store/audit-log.ts';
import type { AuditAction } from '../../store/audit-actions.ts';
import type { Database } from '../../store/database.ts';

/** The audit words for message events, in one place; `details.event` repeats the event name. */
export const MESSAGE_AUDIT_EVENTS = {
  drafted: { action: 'message_drafted' },
  edited: { action: 'message_edited' },
  submitted: { action: 'message_submitted' },
  returned_to_draft: { action: 'message_returned_to_draft' },
  approved: { action: 'message_approved' },
  approval_voided: { action: 'approval_voided' },
  rejected: { action: 'message_rejected' },
  cancelled: { action: 'message_cancelled' },
  published: { action: 'message_published' },
  publication_failed: { action: 'message_publication_failed' },
} as const satisfies Record<string, { action: AuditAction }>;

export type MessageAuditEvent = keyof typeof MESSAGE_AUDIT_EVENTS;

/** Appends the audit entry for a message event; call it inside the transaction that made the change. */
export function auditMessage(
  db: Database,
  input: {
    /** 'system' for steps nobody clicked, e.g. retrying publication at start-up. */
    actor: MessageActor | 'system';
    event: MessageAuditEvent;
    message: { id: string; drill: boolean };
    at: Date;
    state?: MessageState;
    details?: Record<string, unknown>;
  },
): void {
  appendAudit(db, {
    actor: input.actor === 'system' ? SYSTEM_ACTOR : { kind: 'user', userId: input.actor.userId, name: input.actor.name },
    action: MESSAGE_AUDIT_EVENTS[input.event].action,
    subject: { type: 'message', id: input.message.id },
    details: { event: input.event, ...(input.state ? { state: input.state } : {}), ...input.details },
    drill: input.message.drill,
    at: input.at,
  });
}
