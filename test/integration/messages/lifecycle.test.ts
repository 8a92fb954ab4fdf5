import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveMessage } from '../../../src/admin/messages/approve-message.ts';
import { cancelMessage } from '../../../src/admin/messages/cancel-message.ts';
import { createDraft } from '../../../src/admin/messages/create-draft.ts';
import { editDraft } from '../../../src/admin/messages/edit-draft.ts';
import { MessageInputError } from '../../../src/admin/messages/message-input-error.ts';
import { previewMessage } from '../../../src/admin/messages/preview-message.ts';
import { rejectMessage } from '../../../src/admin/messages/reject-message.ts';
import { returnToDraft } from '../../../src/admin/messages/return-to-draft.ts';
import { submitMessage } from '../../../src/admin/messages/submit-message.ts';
import {
  CancelNotAllowedError,
  ConcurrentChangeError,
  DrillFlagChangeError,
  EditNotAllowedError,
  RejectionReasonRequiredError,
  RoleRequiredError,
} from '../../../src/domain/message-lifecycle.ts';
import { verifyAuditChain } from '../../../src/store/audit-log.ts';
import { findMessage, listAudience, listMessages, listRenderings, requireMessage } from '../../../src/store/messages-repository.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readIncidentFile, readMaintenanceFile } from '../../../src/content/write-content.ts';
import { DRILL_INCIDENT, INCIDENT, auditTrail, incidentUpdateDraft, openTestbed, type MessagesTestbed } from './support.ts';

let bed: MessagesTestbed;
beforeEach(() => {
  bed = openTestbed();
});
afterEach(() => bed.close());

describe('compose → submit → approve → publish', () => {
  it('takes a message from draft to published, recording every step', async () => {
    const { deps, users, clock } = bed;
    const draft = createDraft(deps, users.anouk, incidentUpdateDraft());
    expect(draft).toMatchObject({ state: 'draft', authorId: users.anouk.userId, revision: 1, contributorIds: [users.anouk.userId] });

    clock.advance(60_000);
    const submitted = submitMessage(deps, users.anouk, { messageId: draft.id });
    expect(submitted.state).toBe('submitted');
    expect(submitted.submission?.hash).toMatch(/^[0-9a-f]{64}$/);
    // The approver reads exactly what goes out: every language and the audience.
    const renderings = listRenderings(bed.db, draft.id);
    expect(renderings.map((r) => [r.lang, r.templateId, r.subject])).toEqual([
      ['en', 'update', 'Outage update: Registra BRP unavailable'],
      ['nl', 'update', 'Update storing: Registra BRP niet bereikbaar'],
    ]);
    // The promised next update comes from the message itself (09:30 UTC = 10:30 in Amsterdam), in every channel.
    for (const rendering of renderings) {
      expect(rendering.text).toContain(rendering.lang === 'nl' ? 'vrijdag 27 november 2026 om 10:30' : 'Friday, 27 November 2026 at 10:30');
      expect(rendering.text).toContain('https://unsubscribe.helder.invalid/placeholder');
    }
    expect(listAudience(bed.db, draft.id).map((r) => r.address)).toEqual([
      'applicatiebeheer@amsterdam.nl',
      'burgerzaken@eindhoven.nl',
      'servicedesk@utrecht.nl',
    ]);

    clock.advance(120_000);
    const result = await approveMessage(deps, users.bram, { messageId: draft.id });
    expect(result).toMatchObject({
      messageId: draft.id,
      approvalHash: submitted.submission!.hash,
      recipients: 3,
      publication: { state: 'published' },
    });

    const stored = requireMessage(bed.db, draft.id);
    expect(stored).toMatchObject({
      state: 'published',
      approval: { approverId: users.bram.userId, hash: submitted.submission!.hash, at: new Date('2026-11-27T08:53:00Z') },
      publication: { attempts: 0, error: null },
    });
    // Handed to delivery in the approval transaction: one row per recipient, in their language.
    expect(bed.outboxRows(draft.id).map((row) => [row.address, row.subject])).toEqual([
      ['applicatiebeheer@amsterdam.nl', 'Update storing: Registra BRP niet bereikbaar'],
      ['burgerzaken@eindhoven.nl', 'Outage update: Registra BRP unavailable'],
      ['servicedesk@utrecht.nl', 'Update storing: Registra BRP niet bereikbaar'],
    ]);
    // The status-page text became an update in the incident's content file at the approval time, and the site was republished.
    const incident = readIncidentFile(bed.contentDir, INCIDENT.id)!;
    expect(incident.updates).toHaveLength(3);
    expect(incident.updates.at(-1)).toEqual({
      at: new Date('2026-11-27T08:53:00Z'),
      status: 'identified',
      components: { 'registra-brp': 'major_outage', 'registra-reisdocumenten': 'partial_outage' },
      next_update_at: new Date('2026-11-27T09:30:00Z'),
      body: { nl: renderings[1]!.statusPageMarkdown.trim(), en: renderings[0]!.statusPageMarkdown.trim() },
      // The ready-made texts the municipalities received, kept with the update for the incident page.
      burgerbericht: {
        nl: 'Door een storing kunnen wij nu geen verhuizingen verwerken. U kunt een verhuizing gewoon online doorgeven.',
        en: 'Because of an outage we cannot process changes of address right now. You can still report a move online.',
      },
      kcc_script: {
        nl: '- **Zeg:** "Door een storing kunnen wij nu geen verhuizingen verwerken. Er wordt aan gewerkt."',
        en: '- **Say:** "Because of an outage we cannot process changes of address right now. It is being worked on."',
      },
    });
    expect(incident.updates.at(-1)!.body).toMatchObject({ nl: expect.stringContaining('**Stand van zaken: Oorzaak gevonden**') });
    expect(bed.publisher.requests).toEqual([{ reason: `message ${draft.id} approved`, drill: false }]);

    expect(auditTrail(bed.db, draft.id)).toEqual([
      ['message_drafted', 'Anouk de Vries', 'drafted'],
      ['message_submitted', 'Anouk de Vries', 'submitted'],
      ['message_approved', 'Bram Jansen', 'approved'],
      ['delivery_queued', 'Bram Jansen', '-'],
      ['message_published', 'Bram Jansen', 'published'],
    ]);
    expect(verifyAuditChain(bed.db)).toMatchObject({ ok: true });
  });

  it('keeps the drill flag on the message, the outbox rows, the drill content and the audit', async () => {
    const { deps, users } = bed;
    const liveBefore = readFileSync(join(bed.contentDir, 'incidents', `${INCIDENT.id}.md`), 'utf8');
    const draft = createDraft(deps, users.anouk, incidentUpdateDraft({ drill: true, subject: DRILL_INCIDENT, components: { 'registra-brp': 'major_outage' } }));
    submitMessage(deps, users.anouk, { messageId: draft.id });
    expect((await approveMessage(deps, users.bram, { messageId: draft.id })).publication.state).toBe('published');
    const rows = bed.outboxRows(draft.id);
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.drill === 1 && row.subject.startsWith('OEFENING / DRILL'))).toBe(true);
    // The update went into the drill content only; the public content is untouched.
    expect(readIncidentFile(bed.drillContentDir, DRILL_INCIDENT.id)!.updates).toHaveLength(2);
    expect(readIncidentFile(bed.contentDir, DRILL_INCIDENT.id)).toBeNull();
    expect(readFileSync(join(bed.contentDir, 'incidents', `${INCIDENT.id}.md`), 'utf8')).toBe(liveBefore);
    expect(bed.publisher.requests).toEqual([{ reason: `message ${draft.id} approved`, drill: true }]);
    const drillFlags = bed.db.prepare("SELECT DISTINCT drill FROM audit_log WHERE subject_type = 'message' AND subject_id = ?").all(draft.id);
    expect(drillFlags).toEqual([{ drill: 1 }]);
  });

  it('makes every message a drill on an instance in drill mode', () => {
    const draft = createDraft({ ...bed.deps, instanceMode: 'drill' }, bed.users.anouk, incidentUpdateDraft({ drill: false }));
    expect(draft.draft.drill).toBe(true);
  });

  it('never lets the drill flag change after creation, in the use case or in SQL', () => {
    const draft = createDraft(bed.deps, bed.users.anouk, incidentUpdateDraft({ drill: true, subject: DRILL_INCIDENT }));
    expect(() =>
      editDraft(bed.deps, bed.users.anouk, { messageId: draft.id, expectedRevision: 1, draft: incidentUpdateDraft({ drill: false, subject: DRILL_INCIDENT }) }),
    ).toThrow(DrillFlagChangeError);
    // A form without the flag keeps it.
    expect(
      editDraft(bed.deps, bed.users.anouk, { messageId: draft.id, expectedRevision: 1, draft: { ...incidentUpdateDraft({ subject: DRILL_INCIDENT }), drill: undefined } }).draft.drill,
    ).toBe(true);
    expect(() => bed.db.prepare('UPDATE messages SET drill = 0 WHERE id = ?').run(draft.id)).toThrow(/drill flag of a message is fixed/);
  });
});

describe('editing', () => {
  it('records every editor as a contributor and bumps the revision', () => {
    const { deps, users } = bed;
    const draft = createDraft(deps, users.anouk, incidentUpdateDraft());
    const edited = editDraft(deps, users.cor, {
      messageId: draft.id,
      expectedRevision: draft.revision,
      draft: incidentUpdateDraft({ next_update_at: '2026-11-27T10:00:00Z' }),
    });
    expect(edited).toMatchObject({ revision: 2, contributorIds: [users.anouk.userId, users.cor.userId] });
    expect(edited.draft.next_update_at).toEqual(new Date('2026-11-27T10:00:00Z'));
    expect(auditTrail(bed.db, draft.id).at(-1)).toEqual(['message_edited', 'Cor Bakker', 'edited']);
  });

  it('refuses a form saved over a newer edit instead of silently undoing it', () => {
    const { deps, users } = bed;
    const draft = createDraft(deps, users.anouk, incidentUpdateDraft());
    editDraft(deps, users.cor, { messageId: draft.id, expectedRevision: 1, draft: incidentUpdateDraft({ status: 'monitoring' }) });
    expect(() => editDraft(deps, users.anouk, { messageId: draft.id, expectedRevision: 1, draft: incidentUpdateDraft() })).toThrow(ConcurrentChangeError);
    expect(requireMessage(bed.db, draft.id).draft.status).toBe('monitoring');
  });

  it('refuses edits outside draft, in the use case and in SQL', () => {
    const { deps, users } = bed;
    const draft = createDraft(deps, users.anouk, incidentUpdateDraft());
    const submitted = submitMessage(deps, users.anouk, { messageId: draft.id });
    expect(() => editDraft(deps, users.anouk, { messageId: draft.id, expectedRevision: submitted.revision, draft: incidentUpdateDraft() })).toThrow(
      EditNotAllowedError,
    );
    expect(() => bed.db.prepare("UPDATE messages SET template_values = '{}' WHERE id = ?").run(draft.id)).toThrow(/content can only change in draft/);
    expect(() => bed.db.prepare("DELETE FROM message_renderings WHERE message_id = ?").run(draft.id)).toThrow(/only be replaced while the message is a draft/);
    expect(() => bed.db.prepare("INSERT INTO message_audience (message_id, address, contact_id, lang) VALUES (?, 'extra@example.nl', 'x', 'nl')").run(draft.id)).toThrow(
      /audience can only be replaced while the message is a draft/,
    );
  });

  it('names the bad fields of an invalid compose form', () => {
    expect(() => createDraft(bed.deps, bed.users.anouk, incidentUpdateDraft({ status: 'opgelost', next_update_at: 'morgen' }))).toThrowErrorMatchingInlineSnapshot(
      `[MessageInputError: the message is not valid: next_update_at: must be a date and time with offset, e.g. "2026-10-03T08:15:00Z"; status: must be one of investigating, identified, monitoring, resolved for an incident]`,
    );
    try {
      createDraft(bed.deps, bed.users.anouk, incidentUpdateDraft({ status: 'opgelost' }));
    } catch (error) {
      expect((error as MessageInputError).issues).toEqual([{ field: 'status', message: 'must be one of investigating, identified, monitoring, resolved for an incident' }]);
    }
  });

  it('lets only composers start a message', () => {
    expect(() => createDraft(bed.deps, bed.users.bram, incidentUpdateDraft())).toThrow(RoleRequiredError);
  });
});

describe('rejection', () => {
  it('needs a reason, and shows it to the author who revises and resubmits', async () => {
    const { deps, users } = bed;
    const draft = createDraft(deps, users.anouk, incidentUpdateDraft());
    submitMessage(deps, users.anouk, { messageId: draft.id });

    expect(() => rejectMessage(deps, users.bram, { messageId: draft.id, reason: '  ' })).toThrow(RejectionReasonRequiredError);
    expect(requireMessage(bed.db, draft.id).state).toBe('submitted');

    const rejected = rejectMessage(deps, users.bram, { messageId: draft.id, reason: 'Noem ook dat reisdocumenten gedeeltelijk werken.' });
    expect(rejected).toMatchObject({
      state: 'rejected',
      submission: null,
      latestRejection: { by: users.bram.userId, reason: 'Noem ook dat reisdocumenten gedeeltelijk werken.' },
    });
    expect(() => bed.db.prepare("INSERT INTO message_rejections (message_id, rejected_by, rejected_at, reason, submitted_hash) VALUES (?, ?, '2026-11-27T09:00:00Z', 'nee', ?)").run(draft.id, users.bram.userId, 'a'.repeat(64))).toThrow(
      /CHECK constraint failed/,
    );

    const reopened = returnToDraft(deps, users.anouk, { messageId: draft.id });
    expect(reopened.state).toBe('draft');
    // The reason stays visible while the author revises.
    expect(reopened.latestRejection?.reason).toBe('Noem ook dat reisdocumenten gedeeltelijk werken.');
    editDraft(deps, users.anouk, {
      messageId: draft.id,
      expectedRevision: reopened.revision,
      draft: (() => {
        const revised = incidentUpdateDraft();
        revised.values!.nl!.update_text = 'De oorzaak is gevonden. Reisdocumenten aanvragen lukt gedeeltelijk.';
        revised.values!.en!.update_text = 'We found the cause. Travel document applications partly work.';
        return revised;
      })(),
    });
    submitMessage(deps, users.anouk, { messageId: draft.id });
    const result = await approveMessage(deps, users.bram, { messageId: draft.id });
    expect(result.publication.state).toBe('published');
    expect(auditTrail(bed.db, draft.id).map(([action, , event]) => `${action}/${event}`)).toEqual([
      'message_drafted/drafted',
      'message_submitted/submitted',
      'message_rejected/rejected',
      'message_returned_to_draft/returned_to_draft',
      'message_edited/edited',
      'message_submitted/submitted',
      'message_approved/approved',
      'delivery_queued/-',
      'message_published/published',
    ]);
  });
});

describe('cancel and return to draft', () => {
  it('cancels a draft, a submitted or a rejected message, but not an approved one', async () => {
    const { deps, users } = bed;
    const draft = createDraft(deps, users.anouk, incidentUpdateDraft());
    expect(cancelMessage(deps, users.anouk, { messageId: draft.id })).toMatchObject({ state: 'cancelled', cancelled: { by: users.anouk.userId } });

    const second = createDraft(deps, users.anouk, incidentUpdateDraft());
    submitMessage(deps, users.anouk, { messageId: second.id });
    expect(cancelMessage(deps, users.bram, { messageId: second.id }).state).toBe('cancelled');

    const third = createDraft(deps, users.anouk, incidentUpdateDraft());
    submitMessage(deps, users.anouk, { messageId: third.id });
    rejectMessage(deps, users.bram, { messageId: third.id, reason: 'Dit bericht is overbodig: de storing is al opgelost.' });
    expect(cancelMessage(deps, users.anouk, { messageId: third.id }).state).toBe('cancelled');

    const fourth = createDraft(deps, users.anouk, incidentUpdateDraft());
    submitMessage(deps, users.anouk, { messageId: fourth.id });
    await approveMessage(deps, users.bram, { messageId: fourth.id });
    expect(() => cancelMessage(deps, users.anouk, { messageId: fourth.id })).toThrow(CancelNotAllowedError);
    expect(requireMessage(bed.db, fourth.id).state).toBe('published');
  });

  it('drops the pending submission when a submitted message is taken back', () => {
    const { deps, users } = bed;
    const draft = createDraft(deps, users.anouk, incidentUpdateDraft());
    submitMessage(deps, users.anouk, { messageId: draft.id });
    expect(returnToDraft(deps, users.anouk, { messageId: draft.id })).toMatchObject({ state: 'draft', submission: null });
  });

  it('refuses a state change the transition table does not have, also in SQL', () => {
    const draft = createDraft(bed.deps, bed.users.anouk, incidentUpdateDraft());
    expect(() => bed.db.prepare("UPDATE messages SET state = 'published', published_at = '2026-11-27T09:00:00Z', content_written_at = '2026-11-27T09:00:00Z' WHERE id = ?").run(draft.id)).toThrow(
      /illegal message state change/,
    );
    expect(() =>
      bed.db
        .prepare(
          "INSERT INTO messages (id, subject_kind, subject_id, template_id, update_status, drill, state, author_id, created_at, updated_at) VALUES ('msg-smuggled-in', 'incident', 'x', 'storing-update', 'identified', 0, 'approved', ?, 'now', 'now')",
        )
        .run(bed.users.anouk.userId),
    ).toThrow(/must be inserted as a draft/);
    expect(() => bed.db.prepare('DELETE FROM messages WHERE id = ?').run(draft.id)).toThrow(/never deleted/);
    expect(findMessage(bed.db, draft.id)?.state).toBe('draft');
  });
});

describe('preview', () => {
  it('renders the unsaved form through the production path and shows who would receive it, storing nothing', () => {
    const preview = previewMessage(bed.deps, bed.users.anouk, { draft: incidentUpdateDraft({ drill: true, subject: DRILL_INCIDENT, components: { 'registra-brp': 'major_outage' } }) });
    expect(preview.renderings.map((r) => [r.lang, r.subject])).toEqual([
      ['en', 'OEFENING / DRILL – Outage update: Registra BRP unavailable'],
      ['nl', 'OEFENING / DRILL – Update storing: Registra BRP niet bereikbaar'],
    ]);
    expect(preview.audience.map((r) => `${r.address} (${r.lang})`)).toEqual([
      'applicatiebeheer@amsterdam.nl (nl)',
      'burgerzaken@eindhoven.nl (en)',
      'servicedesk@utrecht.nl (nl)',
    ]);
    expect(bed.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
  });

  it('renders Dutch only when no English text was written', () => {
    const draft = incidentUpdateDraft();
    delete draft.values!.en;
    expect(previewMessage(bed.deps, bed.users.bram, { draft }).renderings.map((r) => r.lang)).toEqual(['nl']);
  });
});

describe('maintenance messages', () => {
  it('posts the status-page text as an update of the maintenance, to the contacts of the products in maintenance', async () => {
    const { deps, users } = bed;
    const subject = { kind: 'maintenance' as const, id: '2026-12-12-vervanging-servers-loket' };
    const loket = [
      { id: 'loket-formulieren', name: 'Loket Formulieren', status: 'under_maintenance' },
      { id: 'loket-afspraken', name: 'Loket Afspraken', status: 'under_maintenance' },
    ];
    const draft = createDraft(deps, users.anouk, {
      subject,
      template_id: 'onderhoud-gestart',
      status: 'in_progress',
      values: {
        nl: {
          maintenance_title: 'Vervanging van de servers van Loket Formulieren en Loket Afspraken',
          affected_products: loket,
          started_at: '2026-12-12T07:00:00Z',
          scheduled_until: '2026-12-12T11:00:00Z',
          maintenance_url: 'https://status.voorbeeldsoftware.nl/onderhoud/2026-12-12-vervanging-servers-loket/',
          impact_description: 'Inwoners kunnen tot 12:00 uur geen formulieren versturen en geen afspraken maken.',
        },
      },
    });
    bed.clock.set('2026-12-12T07:02:00Z');
    submitMessage(deps, users.anouk, { messageId: draft.id });
    const result = await approveMessage(deps, users.bram, { messageId: draft.id });
    expect(result.publication.state).toBe('published');
    // Utrecht and Eindhoven use a Loket product and want all messages; Amsterdam's contact wants only Registra BRP and Zaakstroom.
    // Without English text Eindhoven's English-reading contact gets the Dutch message.
    expect(bed.outboxRows(draft.id).map((row) => [row.address, row.lang])).toEqual([
      ['burgerzaken@eindhoven.nl', 'nl'],
      ['servicedesk@utrecht.nl', 'nl'],
    ]);
    const maintenance = readMaintenanceFile(bed.contentDir, subject.id)!;
    expect(maintenance.updates.at(-1)).toMatchObject({ at: new Date('2026-12-12T07:02:00Z'), status: 'in_progress', body: { nl: expect.stringContaining('geen formulieren versturen') } });
  });
});

describe('the message list', () => {
  it('lists messages newest first, filtered by state, subject and drill', async () => {
    const { deps, users, clock } = bed;
    const first = createDraft(deps, users.anouk, incidentUpdateDraft());
    clock.advance(60_000);
    const second = createDraft(deps, users.anouk, incidentUpdateDraft());
    submitMessage(deps, users.anouk, { messageId: second.id });
    clock.advance(60_000);
    const drill = createDraft(deps, users.anouk, incidentUpdateDraft({ drill: true, subject: DRILL_INCIDENT, components: { 'registra-brp': 'major_outage' } }));

    expect(listMessages(bed.db).map((m) => m.id)).toEqual([drill.id, second.id, first.id]);
    expect(listMessages(bed.db, { states: ['submitted'] }).map((m) => m.id)).toEqual([second.id]);
    expect(listMessages(bed.db, { drill: false, subject: INCIDENT }).map((m) => [m.id, m.state, m.nextUpdateAt?.toISOString()])).toEqual([
      [second.id, 'submitted', '2026-11-27T09:30:00.000Z'],
      [first.id, 'draft', '2026-11-27T09:30:00.000Z'],
    ]);
    expect(listMessages(bed.db, { states: [] })).toEqual([]);
  });
});
