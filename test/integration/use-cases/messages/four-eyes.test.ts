import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveMessage } from '../../../../src/use-cases/messages/approve-message.ts';
import { createDraft } from '../../../../src/use-cases/messages/create-draft.ts';
import { editDraft } from '../../../../src/use-cases/messages/edit-draft.ts';
import { submitMessage } from '../../../../src/use-cases/messages/submit-message.ts';
import { EditorApprovalError, RoleRequiredError, SelfApprovalError } from '../../../../src/domain/message-lifecycle.ts';
import { requireMessage } from '../../../../src/store/messages-repository.ts';
import { MESSAGES_FIXTURE, incidentUpdateDraft } from '../../../support/builders.ts';
import { auditTrail, createTestApp, outboxRows, type TestApp } from '../../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp(MESSAGES_FIXTURE);
});
afterEach(() => t.close());

const trail = (messageId: string) => auditTrail(t.db, { type: 'message', id: messageId });

/** A message Eva (composer and approver) wrote and submitted. */
function submittedByEva(): { id: string; hash: string } {
  const draft = createDraft(t.ctx, t.people.eva, incidentUpdateDraft());
  const submitted = submitMessage(t.ctx, t.people.eva, { messageId: draft.id });
  return { id: draft.id, hash: submitted.submission!.hash };
}

const insertApproval = (messageId: string, approverId: number, authorId: number, hash: string) =>
  t.db
    .prepare("INSERT INTO message_approvals (message_id, approver_id, author_id, approved_at, approval_hash) VALUES (?, ?, ?, '2026-11-27T09:00:00.000Z', ?)")
    .run(messageId, approverId, authorId, hash);

describe('four-eyes in the use case', () => {
  it('refuses the author, even one who holds the approver role', async () => {
    const message = submittedByEva();
    await expect(approveMessage(t.ctx, t.people.eva, { messageId: message.id })).rejects.toThrow(SelfApprovalError);
    expect(requireMessage(t.db, message.id)).toMatchObject({ state: 'submitted', approval: null });
    expect(outboxRows(t.db, message.id)).toEqual([]);
    expect(trail(message.id).map(([action]) => action)).toEqual(['message_drafted', 'message_submitted']);
  });

  it('refuses a colleague who edited the content', async () => {
    const draft = createDraft(t.ctx, t.people.anouk, incidentUpdateDraft());
    editDraft(t.ctx, t.people.eva, { messageId: draft.id, expectedRevision: draft.revision, draft: incidentUpdateDraft({ status: 'monitoring' }) });
    submitMessage(t.ctx, t.people.anouk, { messageId: draft.id });
    await expect(approveMessage(t.ctx, t.people.eva, { messageId: draft.id })).rejects.toThrow(EditorApprovalError);
    await expect(approveMessage(t.ctx, t.people.bram, { messageId: draft.id })).resolves.toMatchObject({ recipients: 3 });
  });

  it('refuses the colleague who submitted someone else’s draft', async () => {
    const draft = createDraft(t.ctx, t.people.anouk, incidentUpdateDraft());
    submitMessage(t.ctx, t.people.eva, { messageId: draft.id });
    await expect(approveMessage(t.ctx, t.people.eva, { messageId: draft.id })).rejects.toThrow(EditorApprovalError);
  });

  it('refuses a composer without the approver role', async () => {
    const message = submittedByEva();
    await expect(approveMessage(t.ctx, t.people.anouk, { messageId: message.id })).rejects.toThrow(RoleRequiredError);
  });
});

describe('four-eyes in the database', () => {
  it('refuses a direct SQL insert of a self-approval, by trigger and by its CHECK constraint alone', () => {
    const message = submittedByEva();
    expect(() => insertApproval(message.id, t.people.eva.userId, t.people.eva.userId, message.hash)).toThrow(/four-eyes/);
    // Even with the trigger gone the row itself cannot say approver = author.
    t.db.exec('DROP TRIGGER message_approvals_four_eyes');
    expect(() => insertApproval(message.id, t.people.eva.userId, t.people.eva.userId, message.hash)).toThrow(/CHECK constraint failed: approver_id <> author_id/);
    expect(requireMessage(t.db, message.id).approval).toBeNull();
  });

  it('refuses a self-approval that lies about the author', () => {
    const message = submittedByEva();
    expect(() => insertApproval(message.id, t.people.eva.userId, t.people.bram.userId, message.hash)).toThrow(/author_id must be the message author/);
  });

  it('refuses a direct SQL approval by someone who edited the content', () => {
    const draft = createDraft(t.ctx, t.people.anouk, incidentUpdateDraft());
    editDraft(t.ctx, t.people.eva, { messageId: draft.id, expectedRevision: draft.revision, draft: incidentUpdateDraft({ status: 'monitoring' }) });
    const hash = submitMessage(t.ctx, t.people.anouk, { messageId: draft.id }).submission!.hash;
    expect(() => insertApproval(draft.id, t.people.eva.userId, t.people.anouk.userId, hash)).toThrow(/four-eyes: someone who wrote, edited or submitted/);
  });

  it('refuses a direct SQL approval of anything but the submitted hash, or of a draft', () => {
    const message = submittedByEva();
    expect(() => insertApproval(message.id, t.people.bram.userId, t.people.eva.userId, 'f'.repeat(64))).toThrow(/only with its submitted hash/);
    const draft = createDraft(t.ctx, t.people.anouk, incidentUpdateDraft());
    expect(() => insertApproval(draft.id, t.people.bram.userId, t.people.anouk.userId, 'f'.repeat(64))).toThrow(/only a submitted message can be approved/);
  });

  it('refuses "approved" without a matching approval row, and never lets approvals or contributors be removed', async () => {
    const message = submittedByEva();
    expect(() => t.db.prepare("UPDATE messages SET state = 'approved' WHERE id = ?").run(message.id)).toThrow(/only become approved with an approval/);
    expect(() => t.db.prepare('DELETE FROM message_contributors WHERE message_id = ?').run(message.id)).toThrow(/append-only/);
    await approveMessage(t.ctx, t.people.bram, { messageId: message.id });
    expect(() => t.db.prepare('UPDATE message_approvals SET approver_id = ? WHERE message_id = ?').run(t.people.dewi.userId, message.id)).toThrow(/never changed/);
    expect(() => t.db.prepare('DELETE FROM message_approvals WHERE message_id = ?').run(message.id)).toThrow(/never deleted/);
  });

  it('accepts a direct SQL approval that keeps the rules, so the triggers do not block the real path', () => {
    const message = submittedByEva();
    insertApproval(message.id, t.people.bram.userId, t.people.eva.userId, message.hash);
    t.db.prepare("UPDATE messages SET state = 'approved' WHERE id = ?").run(message.id);
    expect(requireMessage(t.db, message.id).state).toBe('approved');
  });
});
