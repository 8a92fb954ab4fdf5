import { resolve, sep } from 'node:path';
import type { z } from 'zod';
import type { Clock } from '../../auth/clock.ts';
import { auditActorOf, type Caller } from '../../auth/signed-in-user.ts';
import { problemsFromZod } from '../../content/content-error.ts';
import { readCatalog } from '../../content/write-content.ts';
import type { Incident, Maintenance, Scope } from '../../domain/index.ts';
import type { AuditAction } from '../../store/audit-actions.ts';
import { appendAudit } from '../../store/audit-log.ts';
import { transaction, type Database } from '../../store/database.ts';
import type { FieldProblem } from '../admin-error.ts';

/**
 * What the incident and maintenance use cases share: their dependencies, their error, input
 * parsing, the cross-check against the catalogue, and the audited write.
 */

export interface ContentDeps {
  db: Database;
  clock: Clock;
  /** The public content directory (content/), which the site is built from. */
  contentDir: string;
  /** Where drill incidents and maintenance go, e.g. <dataDir>/drill-content; never inside contentDir. */
  drillContentDir: string;
  /** HELDER_MODE=drill: everything this instance writes is a drill. */
  drill?: boolean;
}

/** Set by internal callers (the message publisher) only; never from a form. */
export interface ContentChangeOptions {
  /** The update's time instead of the clock's, so a retried publication writes the same update. */
  at?: Date;
  auditDetails?: Record<string, unknown>;
}

export type ContentChange =
  | { kind: 'incident'; action: AuditAction; id: string; drill: boolean; file: string; incident: Incident }
  | { kind: 'maintenance'; action: AuditAction; id: string; drill: boolean; file: string; maintenance: Maintenance };

export type ContentChangeErrorCode = 'invalid_input' | 'not_found' | 'not_allowed';

/** A refused incident or maintenance change; `problems` link to form fields. Nothing was written. */
export class ContentChangeError extends Error {
  readonly code: ContentChangeErrorCode;
  readonly problems: FieldProblem[];

  constructor(code: ContentChangeErrorCode, problems: FieldProblem[]) {
    super(problems.map((problem) => (problem.field ? `${problem.field}: ${problem.message}` : problem.message)).join('\n'));
    this.name = 'ContentChangeError';
    this.code = code;
    this.problems = problems;
  }
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    throw new ContentChangeError('invalid_input', problemsFromZod('', parsed.error).map(({ field, message }) => ({ field, message })));
  }
  return parsed.data;
}

/** Validates the changed object with the build's own schema before anything is written. */
export function validateResult<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  return parseInput(schema, value);
}

/** Every product and municipality must exist in the public catalogue, or the next build fails. */
export function checkReferences(deps: Pick<ContentDeps, 'contentDir'>, subject: { components: readonly string[]; scope: Scope }): void {
  const { componentIds, municipalityIds } = readCatalog(deps.contentDir);
  const problems: FieldProblem[] = [];
  subject.components.forEach((id) => {
    if (!componentIds.has(id)) problems.push({ field: 'components', message: `onbekend product "${id}" (unknown product); kies uit: ${[...componentIds].join(', ')}` });
  });
  if (subject.scope !== 'all') {
    subject.scope.municipalities.forEach((id) => {
      if (!municipalityIds.has(id)) problems.push({ field: 'scope', message: `onbekende gemeente "${id}" (unknown municipality)` });
    });
  }
  if (problems.length > 0) throw new ContentChangeError('invalid_input', problems);
}

/**
 * The directory a subject lives in. Drill content never goes to the public directory, and the
 * drill directory may not sit inside it (it would be committed and published with it).
 */
export function contentDirFor(deps: Pick<ContentDeps, 'contentDir' | 'drillContentDir'>, drill: boolean): string {
  if (!drill) return deps.contentDir;
  const publicDir = resolve(deps.contentDir);
  const drillDir = resolve(deps.drillContentDir);
  if (drillDir === publicDir || drillDir.startsWith(publicDir + sep)) {
    throw new Error(`the drill content directory (${drillDir}) must be outside the public content directory (${publicDir})`);
  }
  return drillDir;
}

export function isDrill(deps: Pick<ContentDeps, 'drill'>, requested: boolean | undefined): boolean {
  return deps.drill === true || requested === true;
}

/**
 * Runs read-check-write under the database's write lock (so two composers cannot overwrite each
 * other's update) and records the audit entry in the same transaction. The file is written last:
 * if writing fails the audit entry rolls back; the rename is atomic, so no half file remains.
 */
export function auditedWrite<T extends ContentChange>(
  deps: Pick<ContentDeps, 'db'>,
  caller: Caller,
  change: () => { audit: { action: AuditAction; kind: T['kind']; id: string; drill: boolean; at: Date; details: Record<string, unknown> }; write: () => T },
): T {
  const work = () => {
    const { audit, write } = change();
    appendAudit(deps.db, {
      actor: auditActorOf(caller),
      action: audit.action,
      subject: { type: audit.kind, id: audit.id },
      details: audit.details,
      drill: audit.drill,
      at: audit.at,
    });
    return write();
  };
  return deps.db.isTransaction ? work() : transaction(deps.db, work);
}

/** An update's time: now, and never before the latest update (the timeline must stay ordered). */
export function updateTime(deps: Pick<ContentDeps, 'clock'>, options: ContentChangeOptions, latest: Date | undefined): Date {
  const at = options.at ?? deps.clock.now();
  if (latest && at.getTime() <= latest.getTime()) {
    throw new ContentChangeError('not_allowed', [
      { field: '', message: `de vorige update is van ${latest.toISOString()}, na nu (${at.toISOString()}); controleer de klok van de server (the previous update is later than now)` },
    ]);
  }
  return at;
}
