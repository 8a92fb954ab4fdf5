import { AUDIT_ACTIONS, isAuditAction, type AuditAction } from '../../store/audit-actions.ts';
import { queryAudit, type AuditEntry, type AuditPage, type AuditQuery } from '../../store/audit-log.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

export { AUDIT_ACTIONS, isAuditAction };
export type { AuditAction, AuditEntry, AuditPage, AuditQuery };

/** A page of the audit log, newest first, filtered; `beforeSeq` continues below the previous page. */
export function listAuditEntries(ctx: UseCaseContext, caller: Caller, query: AuditQuery, page: { limit?: number; beforeSeq?: number } = {}): AuditPage {
  authorise(caller, 'audit.view');
  return queryAudit(ctx.db, query, page);
}
