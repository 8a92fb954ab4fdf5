import { Refusal } from '../domain/index.ts';
import {
  accountChangesBy,
  CHANGED_AUTHOR_WINDOW_DAYS,
  lastRolesChange,
  OWN_ROLES_WINDOW_HOURS,
} from '../store/account-changes-repository.ts';
import type { Caller } from '../auth/signed-in-user.ts';
import type { AuditActor } from '../store/audit-log.ts';
import { transaction, type Database } from '../store/database.ts';
import { audit } from './audit.ts';
import type { UseCaseContext } from './context.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * Separation of duties beyond four-eyes, so that one admin cannot approve alone through an account
 * they control: the approver must not have created, enabled, or changed the roles or password of
 * the author's account in the last 7 days, and must not have had their own roles changed in the
 * last 24 hours. The database enforces the same (migrations/0700-separation-of-duties.sql).
 * Throws the Refusal that explains which rule holds.  */
export function assertSeparationOfDuties(db: Database, input: { approverId: number; authorId: number; at: Date }): void {
  const changes = accountChangesBy(db, { userId: input.authorId, by: input.approverId, since: new Date(input.at.getTime() - CHANGED_AUTHOR_WINDOW_DAYS * DAY_MS) });
  const last = changes.at(-1);
  if (last) {
    throw new Refusal('approver_changed_author', {
      params: { change: last.change, days: CHANGED_AUTHOR_WINDOW_DAYS, until: new Date(last.at.getTime() + CHANGED_AUTHOR_WINDOW_DAYS * DAY_MS).toISOString() },
      detail: `approver ${input.approverId} ${last.change} author ${input.authorId} at ${last.at.toISOString()}`,
    });
  }
  const rolesChanged = lastRolesChange(db, { userId: input.approverId, since: new Date(input.at.getTime() - OWN_ROLES_WINDOW_HOURS * HOUR_MS) });
  if (rolesChanged) {
    throw new Refusal('approver_roles_changed', {
      params: { hours: OWN_ROLES_WINDOW_HOURS, until: new Date(rolesChanged.getTime() + OWN_ROLES_WINDOW_HOURS * HOUR_MS).toISOString() },
      detail: `roles of approver ${input.approverId} changed at ${rolesChanged.toISOString()}`,
    });
  }
}

/** The refusal codes of separation of duties, which are audited when they happen. */
export const DUTY_SEPARATION_CODES: ReadonlySet<string> = new Set(['approver_changed_author', 'approver_roles_changed', 'own_account']);

/**
 * Records a refused attempt in the audit log in a transaction of its own (the attempt's own
 * transaction was rolled back), so an admin trying to get around four-eyes leaves a trace.
 */
export function auditDutySeparationRefusal(
  ctx: Pick<UseCaseContext, 'db' | 'clock' | 'drill'>,
  caller: Caller | AuditActor,
  refusal: Refusal,
  subject: { type: string; id: string | number },
  details: Record<string, unknown> = {},
): void {
  transaction(ctx.db, () => {
    audit(ctx, caller, { action: 'duty_separation_refused', subject, details: { code: refusal.code, ...refusal.params, ...details } });
  });
}

/**
 * Why separation of duties keeps this person from approving this message now, or null; for the
 * approval screen, which explains it before anyone clicks. approve-message checks again.
 */
export function approvalDutyConflict(ctx: Pick<UseCaseContext, 'db' | 'clock'>, approver: { userId: number }, message: { authorId: number }): Refusal | null {
  try {
    assertSeparationOfDuties(ctx.db, { approverId: approver.userId, authorId: message.authorId, at: ctx.clock.now() });
    return null;
  } catch (error) {
    if (Refusal.is(error)) return error;
    throw error;
  }
}
