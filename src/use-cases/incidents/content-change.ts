import type { z } from 'zod';
import { readCatalog } from '../../content/write-content.ts';
import { invalidInput, Refusal, type Incident, type Maintenance, type Problem, type Scope } from '../../domain/index.ts';
import type { AuditAction } from '../../store/audit-actions.ts';
import { transaction } from '../../store/database.ts';
import { audit } from '../audit.ts';
import type { Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';

/**
 * What the incident and maintenance use cases share: the cross-check against the catalogue, the
 * audited write, and the request to publish. The context decides the directory: live content,
 * or the drill content for a drill context.
 */

/** Set by internal callers (the message publisher, drills) only; never from a form. */
export interface ContentChangeOptions {
  /** The update's time instead of the clock's, so a retried publication writes the same update. */
  at?: Date;
  auditDetails?: Record<string, unknown>;
}

export type ContentChange =
  | { kind: 'incident'; action: AuditAction; id: string; drill: boolean; file: string; incident: Incident }
  | { kind: 'maintenance'; action: AuditAction; id: string; drill: boolean; file: string; maintenance: Maintenance };

/** Validates the changed object with the build's own schema before anything is written. */
export function validateResult<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  return parseInput(schema, value);
}

/** Every product and municipality must exist in the public catalogue, or the next build fails. */
export function checkReferences(ctx: Pick<UseCaseContext, 'content'>, subject: { components: readonly string[]; scope: Scope }): void {
  const { componentIds, municipalityIds } = readCatalog(ctx.content.catalogueDir);
  const problems: Problem[] = [];
  for (const id of subject.components) if (!componentIds.has(id)) problems.push({ field: 'components', code: 'unknown_product', params: { id } });
  if (subject.scope !== 'all') {
    for (const id of subject.scope.municipalities) if (!municipalityIds.has(id)) problems.push({ field: 'scope', code: 'unknown_municipality', params: { id } });
  }
  if (problems.length > 0) throw invalidInput(problems);
}

/** A promised time must lie ahead of the change it is promised in. */
export function requireFuture(field: string, instant: Date | undefined, now: Date): void {
  if (instant && instant.getTime() <= now.getTime()) throw invalidInput([{ field, code: 'must_be_future' }]);
}

/**
 * Runs read-check-write under the database's write lock (so two composers cannot overwrite each
 * other's update) and records the audit entry in the same transaction. The file is written last:
 * if writing fails the audit entry rolls back; the rename is atomic, so no half file remains.
 * After commit the public site (or, in a drill, the admin's preview) is asked to rebuild.
 */
export function auditedWrite<T extends ContentChange>(
  ctx: UseCaseContext,
  caller: Caller,
  change: () => { audit: { action: AuditAction; kind: T['kind']; id: string; at: Date; details: Record<string, unknown> }; write: () => T },
): T {
  const work = () => {
    const { audit: entry, write } = change();
    audit(ctx, caller, { action: entry.action, subject: { type: entry.kind, id: entry.id }, details: entry.details, at: entry.at });
    return write();
  };
  const written = ctx.db.isTransaction ? work() : transaction(ctx.db, work);
  ctx.publisher.requestPublish(`${written.kind} ${written.id}: ${written.action}`);
  return written;
}

/** An update's time: now, and never before the latest update (the timeline must stay ordered). */
export function updateTime(ctx: Pick<UseCaseContext, 'clock'>, options: ContentChangeOptions, latest: Date | undefined): Date {
  const at = options.at ?? ctx.clock.now();
  if (latest && at.getTime() <= latest.getTime()) throw new Refusal('clock_behind', { detail: `previous update ${latest.toISOString()}, now ${at.toISOString()}` });
  return at;
}
