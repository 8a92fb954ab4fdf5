import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveMessage } from '../../../src/admin/messages/approve-message.ts';
import { createDraft } from '../../../src/admin/messages/create-draft.ts';
import { editDraft } from '../../../src/admin/messages/edit-draft.ts';
import { returnToDraft } from '../../../src/admin/messages/return-to-draft.ts';
import { submitMessage } from '../../../src/admin/messages/submit-message.ts';
import { ApprovalVoidedError, ApproveNotAllowedError } from '../../../src/domain/message-lifecycle.ts';
import { verifyAuditChain } from '../../../src/store/audit-log.ts';
import { requireMessage } from '../../../src/store/messages-repository.ts';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DRILL_INCIDENT, auditTrail, incidentUpdateDraft, openTestbed, type MessagesTestbed } from './support.ts';

let bed: MessagesTestbed;
beforeEach(() => {
  bed = openTestbed();
});
afterEach(() => bed.close());

function submitted(): string {
  const draft = createDraft(bed.deps, bed.users.anouk, incidentUpdateDraft());
  submitMessage(bed.deps, bed.users.anouk, { messageId: draft.id });
  return draft.id;
}

/** Approves and returns the ApprovalVoidedError it must throw. */
async function voidedApproval(messageId: string): Promise<ApprovalVoidedError> {
  const error = await approveMessage(bed.deps, bed.users.bram, { messageId }).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApprovalVoidedError);
  return error as ApprovalVoidedError;
}

/** Edits the Dutch status-page template of "update" and reloads the catalogue: a new template version. */
function changeTemplateFile(): void {
  const file = join(bed.renderer.dir, 'update', 'nl.status-page.md.hbs');
  writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
  bed.renderer.reload();
}

function expectBackInDraftWithNothingSent(messageId: string): void {
  expect(requireMessage(bed.db, messageId)).toMatchObject({ state: 'draft', submission: null, approval: null });
  expect(bed.outboxRows(messageId)).toEqual([]);
  expect(bed.statusPage.calls).toEqual([]);
  expect(bed.publisher.requests).toEqual([]);
  expect(auditTrail(bed.db, messageId).at(-1)).toEqual(['approval_voided', 'Bram Jansen', 'approval_voided']);
  expect(verifyAuditChain(bed.db)).toMatchObject({ ok: true });
}

describe('an approval is bound to exactly what was submitted', () => {
  it('is voided when the template changed after submit', async () => {
    const id = submitted();
    changeTemplateFile();
    const error = await voidedApproval(id);
    expect(error.changed).toEqual(['renderings.en.templateVersion', 'renderings.nl.templateVersion']);
    expect(error.message).toMatchInlineSnapshot(
      `"the message changed after it was submitted (renderings.en.templateVersion, renderings.nl.templateVersion); it is back in draft and must be checked and submitted again"`,
    );
    expectBackInDraftWithNothingSent(id);
  });

  it('is voided when the audience changed after submit: the audience is frozen at approval', async () => {
    const id = submitted();
    // Tilburg's contact centre is switched back on between submit and approve.
    bed.db.prepare("UPDATE contacts SET active = 1 WHERE email = 'klantcontactcentrum@tilburg.nl'").run();
    expect((await voidedApproval(id)).changed).toEqual(['audience']);
    expectBackInDraftWithNothingSent(id);
  });

  it('is voided when the template no longer renders the values', async () => {
    const draft = incidentUpdateDraft();
    delete draft.values!.nl!.workaround;
    delete draft.values!.en!.workaround;
    const { id } = createDraft(bed.deps, bed.users.anouk, draft);
    submitMessage(bed.deps, bed.users.anouk, { messageId: id });
    // A new version of the template makes the workaround advice required; this message has none.
    const manifest = join(bed.renderer.dir, 'update', 'manifest.yaml');
    const before = readFileSync(manifest, 'utf8');
    const after = before.replace(/(- name: workaround\n\s+type: markdown\n\s+required:) false/, '$1 true');
    expect(after).not.toBe(before);
    writeFileSync(manifest, after);
    bed.renderer.reload();
    const changed = (await voidedApproval(id)).changed;
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/^content \(it can no longer be rendered: .*workaround/s);
    expectBackInDraftWithNothingSent(id);
  });

  it('cannot be given to the old content after an edit: editing needs a return to draft, which drops the submission', async () => {
    const id = submitted();
    const reopened = returnToDraft(bed.deps, bed.users.anouk, { messageId: id });
    editDraft(bed.deps, bed.users.anouk, {
      messageId: id,
      expectedRevision: reopened.revision,
      draft: incidentUpdateDraft({ next_update_at: '2026-11-27T11:00:00Z' }),
    });
    await expect(approveMessage(bed.deps, bed.users.bram, { messageId: id })).rejects.toThrow(ApproveNotAllowedError);
    expect(bed.outboxRows(id)).toEqual([]);
  });

  it('is voided when the stored draft was changed behind the use cases’ back', async () => {
    const id = submitted();
    // Someone with database access drops the triggers and edits the text of a pending message.
    bed.db.exec('DROP TRIGGER messages_content_only_in_draft');
    bed.db
      .prepare("UPDATE messages SET template_values = json_set(template_values, '$.nl.update_text', 'Alles werkt weer.') WHERE id = ?")
      .run(id);
    expect((await voidedApproval(id)).changed).toEqual(['renderings.nl.html', 'renderings.nl.statusPageMarkdown', 'renderings.nl.text']);
    expectBackInDraftWithNothingSent(id);
  });

  it('never turns a drill approval into a live send, even if the stored flag is flipped', async () => {
    const draft = createDraft(bed.deps, bed.users.anouk, incidentUpdateDraft({ drill: true, subject: DRILL_INCIDENT }));
    submitMessage(bed.deps, bed.users.anouk, { messageId: draft.id });
    // Make the drill incident findable in the live content too, so only the flag differs.
    copyFileSync(join(bed.drillContentDir, 'incidents', `${DRILL_INCIDENT.id}.md`), join(bed.contentDir, 'incidents', `${DRILL_INCIDENT.id}.md`));
    bed.db.exec('DROP TRIGGER messages_content_only_in_draft; DROP TRIGGER messages_drill_fixed;');
    bed.db.prepare('UPDATE messages SET drill = 0 WHERE id = ?').run(draft.id);
    const error = await voidedApproval(draft.id);
    expect(error.changed).toContain('drill');
    expect(error.changed).toContain('renderings.nl.subject');
    expect(bed.outboxRows(draft.id)).toEqual([]);
  });

  it('approves after the author resubmits the changed content', async () => {
    const id = submitted();
    changeTemplateFile();
    await voidedApproval(id);
    const resubmitted = submitMessage(bed.deps, bed.users.anouk, { messageId: id });
    const result = await approveMessage(bed.deps, bed.users.bram, { messageId: id });
    expect(result.approvalHash).toBe(resubmitted.submission!.hash);
    expect(requireMessage(bed.db, id).state).toBe('published');
  });
});
