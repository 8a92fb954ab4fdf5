import { verifyAuditChain as verifyChain, type AuditChainVerdict } from '../../store/audit-log.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

export type { AuditChainVerdict };

/** Recomputes the audit log's hash chain; the verdict names the first broken link. */
export function verifyAuditChain(ctx: UseCaseContext, caller: Caller): AuditChainVerdict {
  authorise(caller, 'audit.view');
  return verifyChain(ctx.db);
}
