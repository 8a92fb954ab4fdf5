import type { SQLInputValue } from 'node:sqlite';
import type { ApprovalRecipient, ApprovalRendering } from '../domain/approval-hash.ts';
import {
  ConcurrentChangeError,
  MessageDraftSchema,
  MessageNotFoundError,
  type MessageDraft,
  type MessageState,
  type MessageSubject,
} from '../domain/message-lifecycle.ts';
import type { Language } from '../domain/vocabulary.ts';
import type { Database } from './database.ts';

/** A message as stored, with everything the lifecycle rules and the admin pages need. */
export interface MessageRecord {
  id: string;
  draft: MessageDraft;
  state: MessageState;
  revision: number;
  authorId: number;
  createdAt: Date;
  updatedAt: Date;
  submission: { at: Date; by: number; hash: string; content: string } | null;
  /** Everyone who wrote, edited or submitted it, the author included. */
  contributorIds: number[];
  approval: { approverId: number; at: Date; hash: string } | null;
  /** The latest rejection, shown to the author while they revise. */
  latestRejection: { by: number; at: Date; reason: string } | null;
  contentWrittenAt: Date | null;
  publishedAt: Date | null;
  publication: { attempts: number; error: string | null };
  cancelled: { at: Date; by: number } | null;
}

interface MessageRow {
  id: string;
  subject_kind: string;
  subject_id: string;
  template_id: string;
  template_values: string;
  update_status: string;
  component_changes: string;
  next_update_at: string | null;
  drill: number;
  state: string;
  revision: number;
  author_id: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  submitted_by: number | null;
  submitted_hash: string | null;
  submitted_content: string | null;
  content_written_at: string | null;
  published_at: string | null;
  publication_attempts: number;
  publication_error: string | null;
  cancelled_at: string | null;
  cancelled_by: number | null;
}

function draftColumns(draft: MessageDraft): Record<string, SQLInputValue> {
  return {
    subject_kind: draft.subject.kind,
    subject_id: draft.subject.id,
    template_id: draft.template_id,
    template_values: JSON.stringify(draft.values),
    update_status: draft.status,
    component_changes: JSON.stringify(draft.components),
    next_update_at: draft.next_update_at?.toISOString() ?? null,
    drill: draft.drill ? 1 : 0,
  };
}

function draftFromRow(row: MessageRow): MessageDraft {
  // Parsing through the schema keeps one definition of a draft; stored rows passed it on the way in.
  return MessageDraftSchema.parse({
    subject: { kind: row.subject_kind, id: row.subject_id },
    template_id: row.template_id,
    values: JSON.parse(row.template_values),
    status: row.update_status,
    components: JSON.parse(row.component_changes),
    next_update_at: row.next_update_at ?? undefined,
    drill: row.drill === 1,
  });
}

const date = (value: string | null): Date | null => (value === null ? null : new Date(value));

export function insertMessageDraft(db: Database, input: { id: string; draft: MessageDraft; authorId: number; at: Date }): void {
  const at = input.at.toISOString();
  db.prepare(
    `INSERT INTO messages (id, subject_kind, subject_id, template_id, template_values, update_status, component_changes,
       next_update_at, drill, author_id, created_at, updated_at)
     VALUES (:id, :subject_kind, :subject_id, :template_id, :template_values, :update_status, :component_changes,
       :next_update_at, :drill, :author_id, :at, :at)`,
  ).run({ id: input.id, ...draftColumns(input.draft), author_id: input.authorId, at });
  addContributor(db, input.id, input.authorId, 'authored', input.at);
}

export function findMessage(db: Database, id: string): MessageRecord | null {
  const row = db.prepare('SELECT * FROM messages WHERE id = ?').get(id) as MessageRow | undefined;
  if (!row) return null;
  const contributors = db
    .prepare('SELECT DISTINCT user_id FROM message_contributors WHERE message_id = ? ORDER BY user_id')
    .all(id) as Array<{ user_id: number }>;
  const approval = db.prepare('SELECT approver_id, approved_at, approval_hash FROM message_approvals WHERE message_id = ?').get(id) as
    | { approver_id: number; approved_at: string; approval_hash: string }
    | undefined;
  const rejection = db
    .prepare('SELECT rejected_by, rejected_at, reason FROM message_rejections WHERE message_id = ? ORDER BY id DESC LIMIT 1')
    .get(id) as { rejected_by: number; rejected_at: string; reason: string } | undefined;
  return {
    id: row.id,
    draft: draftFromRow(row),
    state: row.state as MessageState,
    revision: row.revision,
    authorId: row.author_id,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    submission:
      row.submitted_hash !== null && row.submitted_at !== null && row.submitted_by !== null && row.submitted_content !== null
        ? { at: new Date(row.submitted_at), by: row.submitted_by, hash: row.submitted_hash, content: row.submitted_content }
        : null,
    contributorIds: contributors.map((contributor) => contributor.user_id),
    approval: approval ? { approverId: approval.approver_id, at: new Date(approval.approved_at), hash: approval.approval_hash } : null,
    latestRejection: rejection ? { by: rejection.rejected_by, at: new Date(rejection.rejected_at), reason: rejection.reason } : null,
    contentWrittenAt: date(row.content_written_at),
    publishedAt: date(row.published_at),
    publication: { attempts: row.publication_attempts, error: row.publication_error },
    cancelled: row.cancelled_at !== null && row.cancelled_by !== null ? { at: new Date(row.cancelled_at), by: row.cancelled_by } : null,
  };
}

export function requireMessage(db: Database, id: string): MessageRecord {
  const message = findMessage(db, id);
  if (!message) throw new MessageNotFoundError(id);
  return message;
}

/** Records a contribution; repeated contributions of the same kind keep the first time. */
export function addContributor(db: Database, messageId: string, userId: number, contribution: 'authored' | 'edited' | 'submitted', at: Date): void {
  db.prepare('INSERT OR IGNORE INTO message_contributors (message_id, user_id, contribution, first_at) VALUES (?, ?, ?, ?)').run(
    messageId,
    userId,
    contribution,
    at.toISOString(),
  );
}

/**
 * Compare-and-set: applies `set` only if the message is still in `from` at `revision`, and bumps
 * the revision. Anything else means someone else got there first.
 */
function compareAndSet(db: Database, id: string, expected: { state: MessageState; revision: number }, set: Record<string, SQLInputValue>, at: Date): void {
  const columns = Object.keys(set);
  const assignments = columns.map((column) => `${column} = :${column}`);
  const result = db
    .prepare(
      `UPDATE messages SET ${[...assignments, 'revision = revision + 1', 'updated_at = :updated_at'].join(', ')}
       WHERE id = :id AND state = :expected_state AND revision = :expected_revision`,
    )
    .run({ ...set, updated_at: at.toISOString(), id, expected_state: expected.state, expected_revision: expected.revision });
  if (result.changes !== 1) throw new ConcurrentChangeError(id);
}

export function updateMessageDraft(db: Database, id: string, expectedRevision: number, draft: MessageDraft, at: Date): void {
  compareAndSet(db, id, { state: 'draft', revision: expectedRevision }, draftColumns(draft), at);
}

/** Replaces the rendered output and audience an approver will read. Only possible in draft. */
export function replaceSubmissionSnapshot(
  db: Database,
  id: string,
  snapshot: { renderings: readonly ApprovalRendering[]; audience: readonly ApprovalRecipient[] },
): void {
  db.prepare('DELETE FROM message_renderings WHERE message_id = ?').run(id);
  db.prepare('DELETE FROM message_audience WHERE message_id = ?').run(id);
  const insertRendering = db.prepare(
    `INSERT INTO message_renderings (message_id, lang, template_id, template_version, subject, html, text, status_page_markdown)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of snapshot.renderings) {
    insertRendering.run(id, r.lang, r.templateId, r.templateVersion, r.subject, r.html, r.text, r.statusPageMarkdown);
  }
  const insertRecipient = db.prepare('INSERT INTO message_audience (message_id, address, contact_id, lang) VALUES (?, ?, ?, ?)');
  for (const recipient of snapshot.audience) insertRecipient.run(id, recipient.address, recipient.contactId, recipient.lang);
}

export function markSubmitted(
  db: Database,
  id: string,
  expectedRevision: number,
  submission: { by: number; hash: string; content: string; at: Date },
): void {
  compareAndSet(
    db,
    id,
    { state: 'draft', revision: expectedRevision },
    {
      state: 'submitted',
      submitted_at: submission.at.toISOString(),
      submitted_by: submission.by,
      submitted_hash: submission.hash,
      submitted_content: submission.content,
    },
    submission.at,
  );
}

const CLEARED_SUBMISSION = { submitted_at: null, submitted_by: null, submitted_hash: null, submitted_content: null };

/** Back to draft from submitted or rejected; any pending submission is gone with it. */
export function markReturnedToDraft(db: Database, id: string, expected: { state: MessageState; revision: number }, at: Date): void {
  compareAndSet(db, id, expected, { state: 'draft', ...CLEARED_SUBMISSION }, at);
}

export function insertRejection(
  db: Database,
  input: { messageId: string; expectedRevision: number; by: number; reason: string; submittedHash: string; at: Date },
): void {
  compareAndSet(db, input.messageId, { state: 'submitted', revision: input.expectedRevision }, { state: 'rejected', ...CLEARED_SUBMISSION }, input.at);
  db.prepare('INSERT INTO message_rejections (message_id, rejected_by, rejected_at, reason, submitted_hash) VALUES (?, ?, ?, ?, ?)').run(
    input.messageId,
    input.by,
    input.at.toISOString(),
    input.reason,
    input.submittedHash,
  );
}

/** The approval row first (the database checks four-eyes on it), then the state it allows. */
export function insertApproval(
  db: Database,
  input: { messageId: string; expectedRevision: number; approverId: number; authorId: number; hash: string; at: Date },
): void {
  db.prepare('INSERT INTO message_approvals (message_id, approver_id, author_id, approved_at, approval_hash) VALUES (?, ?, ?, ?, ?)').run(
    input.messageId,
    input.approverId,
    input.authorId,
    input.at.toISOString(),
    input.hash,
  );
  compareAndSet(db, input.messageId, { state: 'submitted', revision: input.expectedRevision }, { state: 'approved' }, input.at);
}

export function markCancelled(db: Database, id: string, expected: { state: MessageState; revision: number }, by: number, at: Date): void {
  compareAndSet(db, id, expected, { state: 'cancelled', cancelled_at: at.toISOString(), cancelled_by: by, ...CLEARED_SUBMISSION }, at);
}

/** Publication steps touch only approved messages and need no revision: each step is idempotent. */
function updateApproved(db: Database, id: string, assignments: string, params: SQLInputValue[], at: Date): void {
  const result = db
    .prepare(`UPDATE messages SET ${assignments}, revision = revision + 1, updated_at = ? WHERE id = ? AND state = 'approved'`)
    .run(...params, at.toISOString(), id);
  if (result.changes !== 1) throw new ConcurrentChangeError(id);
}

export function markContentWritten(db: Database, id: string, at: Date): void {
  updateApproved(db, id, 'content_written_at = ?, publication_error = NULL', [at.toISOString()], at);
}

export function markPublished(db: Database, id: string, at: Date): void {
  updateApproved(db, id, "state = 'published', published_at = ?, publication_error = NULL", [at.toISOString()], at);
}

/** A failed publication step: counted and explained; the message stays approved and can be retried. */
export function recordPublicationFailure(db: Database, id: string, error: string, at: Date): void {
  updateApproved(db, id, 'publication_attempts = publication_attempts + 1, publication_error = ?', [error], at);
}

export function listRenderings(db: Database, id: string): ApprovalRendering[] {
  const rows = db.prepare('SELECT * FROM message_renderings WHERE message_id = ? ORDER BY lang').all(id) as Array<{
    lang: Language;
    template_id: string;
    template_version: string;
    subject: string;
    html: string;
    text: string;
    status_page_markdown: string;
  }>;
  return rows.map((row) => ({
    lang: row.lang,
    templateId: row.template_id,
    templateVersion: row.template_version,
    subject: row.subject,
    html: row.html,
    text: row.text,
    statusPageMarkdown: row.status_page_markdown,
  }));
}

export function listAudience(db: Database, id: string): ApprovalRecipient[] {
  const rows = db.prepare('SELECT contact_id, address, lang FROM message_audience WHERE message_id = ? ORDER BY address').all(id) as Array<{
    contact_id: string;
    address: string;
    lang: Language;
  }>;
  return rows.map((row) => ({ contactId: row.contact_id, address: row.address, lang: row.lang }));
}

export interface MessageSummary {
  id: string;
  subject: MessageSubject;
  templateId: string;
  state: MessageState;
  drill: boolean;
  authorId: number;
  updatedAt: Date;
  nextUpdateAt: Date | null;
  publicationError: string | null;
}

/** Newest first, for the admin's message list; filter by state, subject and drill. */
export function listMessages(
  db: Database,
  filter: { states?: readonly MessageState[]; subject?: MessageSubject; drill?: boolean; limit?: number } = {},
): MessageSummary[] {
  const where: string[] = [];
  const params: SQLInputValue[] = [];
  if (filter.states) {
    if (filter.states.length === 0) return [];
    where.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
    params.push(...filter.states);
  }
  if (filter.subject) {
    where.push('subject_kind = ? AND subject_id = ?');
    params.push(filter.subject.kind, filter.subject.id);
  }
  if (filter.drill !== undefined) {
    where.push('drill = ?');
    params.push(filter.drill ? 1 : 0);
  }
  const rows = db
    .prepare(`SELECT * FROM messages ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, id LIMIT ?`)
    .all(...params, Math.min(Math.max(Math.trunc(filter.limit ?? 100), 1), 1000)) as unknown as MessageRow[];
  return rows.map((row) => ({
    id: row.id,
    subject: { kind: row.subject_kind, id: row.subject_id } as MessageSubject,
    templateId: row.template_id,
    state: row.state as MessageState,
    drill: row.drill === 1,
    authorId: row.author_id,
    updatedAt: new Date(row.updated_at),
    nextUpdateAt: date(row.next_update_at),
    publicationError: row.publication_error,
  }));
}

/** Approved messages whose publication has not completed: to retry at start-up or from the dashboard. */
export function listAwaitingPublication(db: Database, options: { drill: boolean }): string[] {
  return (db.prepare("SELECT id FROM messages WHERE state = 'approved' AND drill = ? ORDER BY updated_at").all(options.drill ? 1 : 0) as Array<{ id: string }>).map((row) => row.id);
}

export interface OverdueUpdatePromise {
  subject: MessageSubject;
  /** The approved message that made the promise. */
  messageId: string;
  promisedAt: Date;
  approvedAt: Date;
  drill: boolean;
}

/**
 * Incidents and maintenance whose latest approved message promised a next update that is now
 * overdue. Only approved messages count: a draft promises nothing to anyone.
 */
export function listOverdueUpdatePromises(db: Database, now: Date, options: { drill: boolean }): OverdueUpdatePromise[] {
  const rows = db
    .prepare(
      `WITH latest AS (
         SELECT m.id, m.subject_kind, m.subject_id, m.next_update_at, m.drill, a.approved_at,
                ROW_NUMBER() OVER (PARTITION BY m.subject_kind, m.subject_id ORDER BY a.approved_at DESC, m.id DESC) AS rank
         FROM messages m JOIN message_approvals a ON a.message_id = m.id
         WHERE m.state IN ('approved', 'published') AND m.drill = ?
       )
       SELECT * FROM latest WHERE rank = 1 AND next_update_at IS NOT NULL AND next_update_at < ?
       ORDER BY next_update_at, subject_kind, subject_id`,
    )
    .all(options.drill ? 1 : 0, now.toISOString()) as Array<{
    id: string;
    subject_kind: string;
    subject_id: string;
    next_update_at: string;
    drill: number;
    approved_at: string;
  }>;
  return rows.map((row) => ({
    subject: { kind: row.subject_kind, id: row.subject_id } as MessageSubject,
    messageId: row.id,
    promisedAt: new Date(row.next_update_at),
    approvedAt: new Date(row.approved_at),
    drill: row.drill === 1,
  }));
}
