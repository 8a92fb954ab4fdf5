import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveMessage } from '../../../../src/use-cases/messages/approve-message.ts';
import { createDraft } from '../../../../src/use-cases/messages/create-draft.ts';
import { editDraft } from '../../../../src/use-cases/messages/edit-draft.ts';
import { returnToDraft } from '../../../../src/use-cases/messages/return-to-draft.ts';
import { submitMessage } from '../../../../src/use-cases/messages/submit-message.ts';
import { ApprovalVoidedError, ApproveNotAllowedError } from '../../../../src/domain/message-lifecycle.ts';
import { verifyAuditChain } from '../../../../src/store/audit-log.ts';
import { requireMessage } from '../../../../src/store/messages-repository.ts';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readIncidentFile } from '../../../../src/content/write-content.ts';
import { refusalText } from '../../../../src/i18n/refusals.ts';
import { DRILL_INCIDENT, INCIDENT, MESSAGES_FIXTURE, incidentUpdateDraft } from '../../../support/builders.ts';
import { auditTrail, createTestApp, outboxRows, type TestApp } from '../../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  // Its own copy of the templates: some tests change a template, as an installation may between submit and approval.
  t = await createTestApp({ ...MESSAGES_FIXTURE, templates: 'copy' });
});
afterEach(() => t.close());

const trail = (messageId: string) => auditTrail(t.db, { type: 'message', id: messageId });

function submitted(): string {
  const draft = createDraft(t.ctx, t.people.anouk, incidentUpdateDraft());
  submitMessage(t.ctx, t.people.anouk, { messageId: draft.id });
  return draft.id;
}

/** Approves and returns the ApprovalVoidedError it must throw. */
async function voidedApproval(messageId: string): Promise<ApprovalVoidedError> {
  const error = await approveMessage(t.ctx, t.people.bram, { messageId }).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApprovalVoidedError);
  return error as ApprovalVoidedError;
}

/** Edits the Dutch status-page template of "update" and restarts, which loads the catalogue again: a new template version. */
async function changeTemplateFile(): Promise<void> {
  const file = join(t.templatesDir, 'update', 'nl.status-page.md.hbs');
  writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
  await t.restart();
}

function expectBackInDraftWithNothingSent(messageId: string): void {
  expect(requireMessage(t.db, messageId)).toMatchObject({ state: 'draft', submission: null, approval: null });
  expect(outboxRows(t.db, messageId)).toEqual([]);
  // Nothing reached the status page: the incident keeps its two updates, and no rebuild was asked for.
  expect(readIncidentFile(t.contentDir, INCIDENT.id)!.updates).toHaveLength(2);
  expect(t.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'incident_updated'").get()).toEqual({ n: 0 });
  expect(t.publishRequests).toEqual([]);
  expect(trail(messageId).at(-1)).toEqual(['approval_voided', 'Bram Jansen', 'approval_voided']);
  expect(verifyAuditChain(t.db)).toMatchObject({ ok: true });
}

describe('an approval is bound to exactly what was submitted', () => {
  it('is voided when the template changed after submit', async () => {
    const id = submitted();
    await changeTemplateFile();
    const error = await voidedApproval(id);
    expect(error.changed).toEqual(['renderings.en.templateVersion', 'renderings.nl.templateVersion']);
    expect(error.code).toBe('approval_voided');
    expect(refusalText(error, 'nl')).toMatchInlineSnapshot(`"Het bericht is gewijzigd nadat het werd aangeboden. Het staat weer in concept: controleer het en bied het opnieuw aan."`);
    expect(refusalText(error, 'en')).toMatchInlineSnapshot(`"The message changed after it was submitted. It is back in draft: check it and submit it again."`);
    expectBackInDraftWithNothingSent(id);
  });

  it('is voided when the audience changed after submit: the audience is frozen at approval', async () => {
    const id = submitted();
    // Tilburg's contact centre is switched back on between submit and approve.
    t.db.prepare("UPDATE contacts SET active = 1 WHERE email = 'klantcontactcentrum@tilburg.nl'").run();
    expect((await voidedApproval(id)).changed).toEqual(['audience']);
    expectBackInDraftWithNothingSent(id);
  });

  it('is voided when the template no longer renders the values', async () => {
    const draft = incidentUpdateDraft();
    delete draft.values!.nl!.workaround;
    delete draft.values!.en!.workaround;
    const { id } = createDraft(t.ctx, t.people.anouk, draft);
    submitMessage(t.ctx, t.people.anouk, { messageId: id });
    // A new version of the template makes the workaround advice required; this message has none.
    const manifest = join(t.templatesDir, 'update', 'manifest.yaml');
    const before = readFileSync(manifest, 'utf8');
    const after = before.replace(/(- name: workaround\n\s+type: markdown\n\s+required:) false/, '$1 true');
    expect(after).not.toBe(before);
    writeFileSync(manifest, after);
    await t.restart();
    const changed = (await voidedApproval(id)).changed;
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/^content \(it can no longer be rendered: .*workaround/s);
    expectBackInDraftWithNothingSent(id);
  });

  it('cannot be given to the old content after an edit: editing needs a return to draft, which drops the submission', async () => {
    const id = submitted();
    const reopened = returnToDraft(t.ctx, t.people.anouk, { messageId: id });
    editDraft(t.ctx, t.people.anouk, {
      messageId: id,
      expectedRevision: reopened.revision,
      draft: incidentUpdateDraft({ next_update_at: '2026-11-27T11:00:00Z' }),
    });
    await expect(approveMessage(t.ctx, t.people.bram, { messageId: id })).rejects.toThrow(ApproveNotAllowedError);
    expect(outboxRows(t.db, id)).toEqual([]);
  });

  it('is voided when the stored draft was changed behind the use cases’ back', async () => {
    const id = submitted();
    // Someone with database access drops the triggers and edits the text of a pending message.
    t.db.exec('DROP TRIGGER messages_content_only_in_draft');
    t.db
      .prepare("UPDATE messages SET template_values = json_set(template_values, '$.nl.update_text', 'Alles werkt weer.') WHERE id = ?")
      .run(id);
    expect((await voidedApproval(id)).changed).toEqual(['renderings.nl.html', 'renderings.nl.statusPageMarkdown', 'renderings.nl.text']);
    expectBackInDraftWithNothingSent(id);
  });

  it('never turns a drill approval into a live send, even if the stored flag is flipped', async () => {
    const draft = createDraft(t.drill, t.people.anouk, incidentUpdateDraft({ drill: true, subject: DRILL_INCIDENT }));
    submitMessage(t.drill, t.people.anouk, { messageId: draft.id });
    // Make the drill incident findable in the live content too, so only the flag differs.
    copyFileSync(join(t.drillContentDir, 'incidents', `${DRILL_INCIDENT.id}.md`), join(t.contentDir, 'incidents', `${DRILL_INCIDENT.id}.md`));
    t.db.exec('DROP TRIGGER messages_content_only_in_draft; DROP TRIGGER messages_drill_fixed;');
    t.db.prepare('UPDATE messages SET drill = 0 WHERE id = ?').run(draft.id);
    // The admin takes the context a message's own flag names (app.contextFor): now the live one.
    expect(t.app.contextFor(requireMessage(t.db, draft.id).draft)).toBe(t.ctx);
    const error = await voidedApproval(draft.id);
    expect(error.changed).toContain('drill');
    expect(error.changed).toContain('renderings.nl.subject');
    expect(outboxRows(t.db, draft.id)).toEqual([]);
  });

  it('approves after the author resubmits the changed content', async () => {
    const id = submitted();
    await changeTemplateFile();
    await voidedApproval(id);
    const resubmitted = submitMessage(t.ctx, t.people.anouk, { messageId: id });
    const result = await approveMessage(t.ctx, t.people.bram, { messageId: id });
    expect(result.approvalHash).toBe(resubmitted.submission!.hash);
    expect(requireMessage(t.db, id).state).toBe('published');
  });
});
