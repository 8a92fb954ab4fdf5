import type { Caller } from '../auth/signed-in-user.ts';
import type { AuditAction } from '../store/audit-actions.ts';
import { appendAudit, type AuditActor } from '../store/audit-log.ts';
import type { UseCaseContext } from './context.ts';

export function auditActorOf(caller: Caller): AuditActor {
  return caller.kind === 'user' ? { kind: 'user', userId: caller.userId, name: caller.name } : { kind: 'system', name: caller.name };
}

/**
 * Appends the audit entry of a change; call it inside the transaction that made the change. The
 * context marks it: every entry a drill context writes is a drill entry.
 */
export function audit(
  ctx: Pick<UseCaseContext, 'db' | 'clock' | 'drill'>,
  actor: Caller | AuditActor,
  entry: { action: AuditAction; subject?: { type: string; id: string | number } | undefined; details?: Record<string, unknown>; at?: Date },
): void {
  appendAudit(ctx.db, {
    actor: 'sessionId' in actor ? auditActorOf(actor) : { ...actor },
    action: entry.action,
    ...(entry.subject ? { subject: entry.subject } : {}),
    details: entry.details ?? {},
    drill: ctx.drill,
    at: entry.at ?? ctx.clock.now(),
  });
}
