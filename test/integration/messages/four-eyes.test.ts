import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveMessage } from '../../../src/admin/messages/approve-message.ts';
import { createDraft } from '../../../src/admin/messages/create-draft.ts';
import { editDraft } from '../../../src/admin/messages/edit-draft.ts';
import { submitMessage } from '../../../src/admin/messages/submit-message.ts';
import { EditorApprovalError, RoleRequiredError, SelfApprovalError } from '../../../src/domain/message-lifecycle.ts';
import { requireMessage } from '../../../src/store/messages-repository.ts';
import { auditTrail, incidentUpdateDraft, openTestbed, type MessagesTestbed } from './support.ts';

let bed: MessagesTestbed;
beforeEach(() => {
  bed = openTestbed();
});
afterEach(() => bed.close());

/** A message Cor (composer and approver) wrote and submitted. */
function submittedByCor(): { id: string; hash: string } {
  const draft = createDraft(bed.deps, bed.users.cor, incidentUpdateDraft());
  const submitted = submitMessage(bed.deps, bed.users.cor, { messageId: draft.id });
  return { id: draft.id, hash: submitted.submission!.hash };
}

const insertApproval = (messageId: string, approverId: number, authorId: number, hash: string) =>
  bed.db
    .prepare("INSERT INTO message_approvals (message_id, approver_id, author_id, approved_at, approval_hash) VALUES (?, ?, ?, '2026-11-27T09:00:00.000Z', ?)")
    .run(messageId, approverId, authorId, hash);

describe('four-eyes in the use case', () => {
  it('refuses the author, even one who holds the approver role', async () => {
    const message = submittedByCor();
    await expect(approveMessage(bed.deps, bed.users.cor, { messageId: message.id })).rejects.toThrow(SelfApprovalError);
    expect(requireMessage(bed.db, message.id)).toMatchObject({ state: 'submitted', approval: null });
    expect(bed.outboxRows(message.id)).toEqual([]);
    expect(auditTrail(bed.db, message.id).map(([action]) => action)).toEqual(['message_drafted', 'message_submitted']);
  });

  it('refuses a colleague who edited the content', async () => {
    const draft = createDraft(bed.deps, bed.users.anouk, incidentUpdateDraft());
    editDraft(bed.deps, bed.users.cor, { messageId: draft.id, expectedRevision: draft.revision, draft: incidentUpdateDraft({ status: 'monitoring' }) });
    submitMessage(bed.deps, bed.users.anouk, { messageId: draft.id });
    await expect(approveMessage(bed.deps, bed.users.cor, { messageId: draft.id })).rejects.toThrow(EditorApprovalError);
    await expect(approveMessage(bed.deps, bed.users.bram, { messageId: draft.id })).resolves.toMatchObject({ recipients: 3 });
  });

  it('refuses the colleague who submitted someone else’s draft', async () => {
    const draft = createDraft(bed.deps, bed.users.anouk, incidentUpdateDraft());
    submitMessage(bed.deps, bed.users.cor, { messageId: draft.id });
    await expect(approveMessage(bed.deps, bed.users.cor, { messageId: draft.id })).rejects.toThrow(EditorApprovalError);
  });

  it('refuses a composer without the approver role', async () => {
    const message = submittedByCor();
    await expect(approveMessage(bed.deps, bed.users.anouk, { messageId: message.id })).rejects.toThrow(RoleRequiredError);
  });
});

describe('four-eyes in the database', () => {
  it('refuses a direct SQL insert of a self-approval, by trigger and by its CHECK constraint alone', () => {
    const message = submittedByCor();
    expect(() => insertApproval(message.id, bed.users.cor.userId, bed.users.cor.userId, message.hash)).toThrow(/four-eyes/);
    // Even with the trigger gone the row itself cannot say approver = author.
    bed.db.exec('DROP TRIGGER message_approvals_four_eyes');
    expect(() => insertApproval(message.id, bed.users.cor.userId, bed.users.cor.userId, message.hash)).toThrow(/CHECK constraint failed: approver_id <> author_id/);
    expect(requireMessage(bed.db, message.id).approval).toBeNull();
  });

  it('refuses a self-approval that lies about the author', () => {
    const message = submittedByCor();
    expect(() => insertApproval(message.id, bed.users.cor.userId, bed.users.bram.userId, message.hash)).toThrow(/author_id must be the message author/);
  });

  it('refuses a direct SQL approval by someone who edited the content', () => {
    const draft = createDraft(bed.deps, bed.users.anouk, incidentUpdateDraft());
    editDraft(bed.deps, bed.users.cor, { messageId: draft.id, expectedRevision: draft.revision, draft: incidentUpdateDraft({ status: 'monitoring' }) });
    const hash = submitMessage(bed.deps, bed.users.anouk, { messageId: draft.id }).submission!.hash;
    expect(() => insertApproval(draft.id, bed.users.cor.userId, bed.users.anouk.userId, hash)).toThrow(/four-eyes: someone who wrote, edited or submitted/);
  });

  it('refuses a direct SQL approval of anything but the submitted hash, or of a draft', () => {
    const message = submittedByCor();
    expect(() => insertApproval(message.id, bed.users.bram.userId, bed.users.cor.userId, 'f'.repeat(64))).toThrow(/only with its submitted hash/);
    const draft = createDraft(bed.deps, bed.users.anouk, incidentUpdateDraft());
    expect(() => insertApproval(draft.id, bed.users.bram.userId, bed.users.anouk.userId, 'f'.repeat(64))).toThrow(/only a submitted message can be approved/);
  });

  it('refuses "approved" without a matching approval row, and never lets approvals or contributors be removed', async () => {
    const message = submittedByCor();
    expect(() => bed.db.prepare("UPDATE messages SET state = 'approved' WHERE id = ?").run(message.id)).toThrow(/only become approved with an approval/);
    expect(() => bed.db.prepare('DELETE FROM message_contributors WHERE message_id = ?').run(message.id)).toThrow(/append-only/);
    await approveMessage(bed.deps, bed.users.bram, { messageId: message.id });
    expect(() => bed.db.prepare('UPDATE message_approvals SET approver_id = ? WHERE message_id = ?').run(bed.users.dewi.userId, message.id)).toThrow(/never changed/);
    expect(() => bed.db.prepare('DELETE FROM message_approvals WHERE message_id = ?').run(message.id)).toThrow(/never deleted/);
  });

  it('accepts a direct SQL approval that keeps the rules, so the triggers do not block the real path', () => {
    const message = submittedByCor();
    insertApproval(message.id, bed.users.bram.userId, bed.users.cor.userId, message.hash);
    bed.db.prepare("UPDATE messages SET state = 'approved' WHERE id = ?").run(message.id);
    expect(requireMessage(bed.db, message.id).state).toBe('approved');
  });
});
