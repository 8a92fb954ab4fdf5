import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readIncidentFile, readMaintenanceFile } from '../../../../src/content/write-content.ts';
import {
  CancelNotAllowedError,
  ConcurrentChangeError,
  DrillFlagChangeError,
  EditNotAllowedError,
  RejectionReasonRequiredError,
  RoleRequiredError,
} from '../../../../src/domain/message-lifecycle.ts';
import { verifyAuditChain } from '../../../../src/store/audit-log.ts';
import { findMessage, listAudience, listMessages, listRenderings, requireMessage } from '../../../../src/store/messages-repository.ts';
import { approveMessage } from '../../../../src/use-cases/messages/approve-message.ts';
import { cancelMessage } from '../../../../src/use-cases/messages/cancel-message.ts';
import { createDraft } from '../../../../src/use-cases/messages/create-draft.ts';
import { editDraft } from '../../../../src/use-cases/messages/edit-draft.ts';
import { previewMessage } from '../../../../src/use-cases/messages/preview-message.ts';
import { rejectMessage } from '../../../../src/use-cases/messages/reject-message.ts';
import { returnToDraft } from '../../../../src/use-cases/messages/return-to-draft.ts';
import { submitMessage } from '../../../../src/use-cases/messages/submit-message.ts';
import { DRILL_INCIDENT, INCIDENT, MESSAGES_FIXTURE, incidentUpdateDraft } from '../../../support/builders.ts';
import { readRefusal, refusalOf } from '../../../support/refusals.ts';
import { auditTrail, createTestApp, outboxRows, type TestApp } from '../../../support/test-app.ts';


let t: TestApp;
beforeEach(async () => {
  t = await createTestApp(MESSAGES_FIXTURE);
});
afterEach(() => t.close());

const trail = (messageId: string) => auditTrail(t.db, { type: 'message', id: messageId });

describe('compose → submit → approve → publish', () => {
  it('takes a message from draft to published, recording every step', async () => {
    const { ctx, people: users, clock } = t;
    const draft = createDraft(ctx, users.anouk, incidentUpdateDraft());
    expect(draft).toMatchObject({ state: 'draft', authorId: users.anouk.userId, revision: 1, contributorIds: [users.anouk.userId] });

    clock.advance(60_000);
    const submitted = submitMessage(ctx, users.anouk, { messageId: draft.id });
    expect(submitted.state).toBe('submitted');
    expect(submitted.submission?.hash).toMatch(/^[0-9a-f]{64}$/);
    // The approver reads exactly what goes out: every language and the audience.
    const renderings = listRenderings(t.db, draft.id);
    expect(renderings.map((r) => [r.lang, r.templateId, r.subject])).toEqual([
      ['en', 'update', 'Outage update: Registra BRP unavailable'],
      ['nl', 'update', 'Update storing: Registra BRP niet bereikbaar'],
    ]);
    // The promised next update comes from the message itself (09:30 UTC = 10:30 in Amsterdam), in every channel.
    for (const rendering of renderings) {
      expect(rendering.text).toContain(rendering.lang === 'nl' ? 'vrijdag 27 november 2026 om 10:30' : 'Friday, 27 November 2026 at 10:30');
      expect(rendering.text).toContain('https://unsubscribe.helder.invalid/placeholder');
    }
    expect(listAudience(t.db, draft.id).map((r) => r.address)).toEqual([
      'applicatiebeheer@amsterdam.nl',
      'burgerzaken@eindhoven.nl',
      'servicedesk@utrecht.nl',
    ]);

    clock.advance(120_000);
    const result = await approveMessage(ctx, users.bram, { messageId: draft.id });
    expect(result).toMatchObject({
      messageId: draft.id,
      approvalHash: submitted.submission!.hash,
      recipients: 3,
      publication: { state: 'published' },
    });

    const stored = requireMessage(t.db, draft.id);
    expect(stored).toMatchObject({
      state: 'published',
      approval: { approverId: users.bram.userId, hash: submitted.submission!.hash, at: new Date('2026-11-27T08:53:00Z') },
      publication: { attempts: 0, error: null },
    });
    // Handed to delivery in the approval transaction: one row per recipient, in their language.
    expect(outboxRows(t.db, draft.id).map((row) => [row.address, row.subject])).toEqual([
      ['applicatiebeheer@amsterdam.nl', 'Update storing: Registra BRP niet bereikbaar'],
      ['burgerzaken@eindhoven.nl', 'Outage update: Registra BRP unavailable'],
      ['servicedesk@utrecht.nl', 'Update storing: Registra BRP niet bereikbaar'],
    ]);
    // The status-page text became an update in the incident's content file at the approval time, and the site was republished.
    const incident = readIncidentFile(t.contentDir, INCIDENT.id)!;
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
    expect(t.publishRequests).toEqual([`incident ${INCIDENT.id}: incident_updated`]);

    expect(trail(draft.id)).toEqual([
      ['message_drafted', 'Anouk de Vries', 'drafted'],
      ['message_submitted', 'Anouk de Vries', 'submitted'],
      ['message_approved', 'Bram Jansen', 'approved'],
      ['delivery_queued', 'Bram Jansen', '-'],
      ['message_published', 'Bram Jansen', 'published'],
    ]);
    expect(verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('keeps the drill flag on the message, the outbox rows, the drill content and the audit', async () => {
    const { drill: ctx, people: users } = t;
    const liveBefore = readFileSync(join(t.contentDir, 'incidents', `${INCIDENT.id}.md`), 'utf8');
    const draft = createDraft(ctx, users.anouk, incidentUpdateDraft({ drill: true, subject: DRILL_INCIDENT, components: { 'registra-brp': 'major_outage' } }));
    submitMessage(ctx, users.anouk, { messageId: draft.id });
    expect((await approveMessage(ctx, users.bram, { messageId: draft.id })).publication.state).toBe('published');
    const rows = outboxRows(t.db, draft.id);
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.drill === 1 && row.subject.startsWith('OEFENING / DRILL'))).toBe(true);
    // The update went into the drill content only; the public content is untouched.
    expect(readIncidentFile(t.drillContentDir, DRILL_INCIDENT.id)!.updates).toHaveLength(2);
    expect(readIncidentFile(t.contentDir, DRILL_INCIDENT.id)).toBeNull();
    expect(readFileSync(join(t.contentDir, 'incidents', `${INCIDENT.id}.md`), 'utf8')).toBe(liveBefore);
    // A drill never asks for a public rebuild.
    expect(t.publishRequests).toEqual([]);
    const drillFlags = t.db.prepare("SELECT DISTINCT drill FROM audit_log WHERE subject_type = 'message' AND subject_id = ?").all(draft.id);
    expect(drillFlags).toEqual([{ drill: 1 }]);
  });

  it('makes every message a drill on an instance in drill mode', async () => {
    const training = await createTestApp({ ...MESSAGES_FIXTURE, env: { HELDER_MODE: 'drill' } });
    try {
      const draft = createDraft(training.ctx, training.people.anouk, incidentUpdateDraft({ subject: DRILL_INCIDENT, drill: false }));
      expect(draft.draft.drill).toBe(true);
    } finally {
      await training.close();
    }
  });

  it('never lets the drill flag change after creation, in the use case or in SQL', () => {
    const draft = createDraft(t.drill, t.people.anouk, incidentUpdateDraft({ drill: true, subject: DRILL_INCIDENT }));
    expect(() =>
      editDraft(t.drill, t.people.anouk, { messageId: draft.id, expectedRevision: 1, draft: incidentUpdateDraft({ drill: false, subject: DRILL_INCIDENT }) }),
    ).toThrow(DrillFlagChangeError);
    // A form without the flag keeps it.
    expect(
      editDraft(t.drill, t.people.anouk, { messageId: draft.id, expectedRevision: 1, draft: { ...incidentUpdateDraft({ subject: DRILL_INCIDENT }), drill: undefined } }).draft.drill,
    ).toBe(true);
    expect(() => t.db.prepare('UPDATE messages SET drill = 0 WHERE id = ?').run(draft.id)).toThrow(/drill flag of a message is fixed/);
  });
});

describe('editing', () => {
  it('records every editor as a contributor and bumps the revision', () => {
    const { ctx, people: users } = t;
    const draft = createDraft(ctx, users.anouk, incidentUpdateDraft());
    const edited = editDraft(ctx, users.eva, {
      messageId: draft.id,
      expectedRevision: draft.revision,
      draft: incidentUpdateDraft({ next_update_at: '2026-11-27T10:00:00Z' }),
    });
    expect(edited).toMatchObject({ revision: 2, contributorIds: [users.anouk.userId, users.eva.userId] });
    expect(edited.draft.next_update_at).toEqual(new Date('2026-11-27T10:00:00Z'));
    expect(trail(draft.id).at(-1)).toEqual(['message_edited', 'Eva Koster', 'edited']);
  });

  it('refuses a form saved over a newer edit instead of silently undoing it', () => {
    const { ctx, people: users } = t;
    const draft = createDraft(ctx, users.anouk, incidentUpdateDraft());
    editDraft(ctx, users.eva, { messageId: draft.id, expectedRevision: 1, draft: incidentUpdateDraft({ status: 'monitoring' }) });
    expect(() => editDraft(ctx, users.anouk, { messageId: draft.id, expectedRevision: 1, draft: incidentUpdateDraft() })).toThrow(ConcurrentChangeError);
    expect(requireMessage(t.db, draft.id).draft.status).toBe('monitoring');
  });

  it('refuses edits outside draft, in the use case and in SQL', () => {
    const { ctx, people: users } = t;
    const draft = createDraft(ctx, users.anouk, incidentUpdateDraft());
    const submitted = submitMessage(ctx, users.anouk, { messageId: draft.id });
    expect(() => editDraft(ctx, users.anouk, { messageId: draft.id, expectedRevision: submitted.revision, draft: incidentUpdateDraft() })).toThrow(
      EditNotAllowedError,
    );
    expect(() => t.db.prepare("UPDATE messages SET template_values = '{}' WHERE id = ?").run(draft.id)).toThrow(/content can only change in draft/);
    expect(() => t.db.prepare("DELETE FROM message_renderings WHERE message_id = ?").run(draft.id)).toThrow(/only be replaced while the message is a draft/);
    expect(() => t.db.prepare("INSERT INTO message_audience (message_id, address, contact_id, lang) VALUES (?, 'extra@example.nl', 'x', 'nl')").run(draft.id)).toThrow(
      /audience can only be replaced while the message is a draft/,
    );
  });

  it('names the bad fields of an invalid compose form', () => {
    const refusal = refusalOf(() => createDraft(t.ctx, t.people.anouk, incidentUpdateDraft({ status: 'opgelost', next_update_at: 'morgen' })));
    expect(readRefusal(refusal, 'nl')).toMatchInlineSnapshot(`
      {
        "code": "invalid_input",
        "problems": [
          "next_update_at [invalid_date_time]: Vul een datum en tijd in, bijvoorbeeld 27-11-2026 10:30.",
          "status [not_one_of]: Kies een van deze mogelijkheden: investigating, identified, monitoring of resolved.",
        ],
        "text": "Controleer de velden hieronder.",
      }
    `);
    expect(readRefusal(refusal, 'en').problems).toMatchInlineSnapshot(`
      [
        "next_update_at [invalid_date_time]: Enter a date and time with offset, for example 2026-11-27T10:30:00+01:00.",
        "status [not_one_of]: Choose one of: investigating, identified, monitoring or resolved.",
      ]
    `);
    expect(refusalOf(() => createDraft(t.ctx, t.people.anouk, incidentUpdateDraft({ status: 'opgelost' }))).problems).toEqual([
      { field: 'status', code: 'not_one_of', params: { options: ['investigating', 'identified', 'monitoring', 'resolved'] } },
    ]);
    expect(t.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
  });

  it('lets only composers start a message', () => {
    expect(() => createDraft(t.ctx, t.people.bram, incidentUpdateDraft())).toThrow(RoleRequiredError);
  });
});

describe('rejection', () => {
  it('needs a reason, and shows it to the author who revises and resubmits', async () => {
    const { ctx, people: users } = t;
    const draft = createDraft(ctx, users.anouk, incidentUpdateDraft());
    submitMessage(ctx, users.anouk, { messageId: draft.id });

    expect(() => rejectMessage(ctx, users.bram, { messageId: draft.id, reason: '  ' })).toThrow(RejectionReasonRequiredError);
    expect(requireMessage(t.db, draft.id).state).toBe('submitted');

    const rejected = rejectMessage(ctx, users.bram, { messageId: draft.id, reason: 'Noem ook dat reisdocumenten gedeeltelijk werken.' });
    expect(rejected).toMatchObject({
      state: 'rejected',
      submission: null,
      latestRejection: { by: users.bram.userId, reason: 'Noem ook dat reisdocumenten gedeeltelijk werken.' },
    });
    expect(() => t.db.prepare("INSERT INTO message_rejections (message_id, rejected_by, rejected_at, reason, submitted_hash) VALUES (?, ?, '2026-11-27T09:00:00Z', 'nee', ?)").run(draft.id, users.bram.userId, 'a'.repeat(64))).toThrow(
      /CHECK constraint failed/,
    );

    const reopened = returnToDraft(ctx, users.anouk, { messageId: draft.id });
    expect(reopened.state).toBe('draft');
    // The reason stays visible while the author revises.
    expect(reopened.latestRejection?.reason).toBe('Noem ook dat reisdocumenten gedeeltelijk werken.');
    editDraft(ctx, users.anouk, {
      messageId: draft.id,
      expectedRevision: reopened.revision,
      draft: (() => {
        const revised = incidentUpdateDraft();
        revised.values!.nl!.update_text = 'De oorzaak is gevonden. Reisdocumenten aanvragen lukt gedeeltelijk.';
        revised.values!.en!.update_text = 'We found the cause. Travel document applications partly work.';
        return revised;
      })(),
    });
    submitMessage(ctx, users.anouk, { messageId: draft.id });
    const result = await approveMessage(ctx, users.bram, { messageId: draft.id });
    expect(result.publication.state).toBe('published');
    expect(trail(draft.id).map(([action, , event]) => `${action}/${event}`)).toEqual([
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
    const { ctx, people: users } = t;
    const draft = createDraft(ctx, users.anouk, incidentUpdateDraft());
    expect(cancelMessage(ctx, users.anouk, { messageId: draft.id })).toMatchObject({ state: 'cancelled', cancelled: { by: users.anouk.userId } });

    const second = createDraft(ctx, users.anouk, incidentUpdateDraft());
    submitMessage(ctx, users.anouk, { messageId: second.id });
    expect(cancelMessage(ctx, users.bram, { messageId: second.id }).state).toBe('cancelled');

    const third = createDraft(ctx, users.anouk, incidentUpdateDraft());
    submitMessage(ctx, users.anouk, { messageId: third.id });
    rejectMessage(ctx, users.bram, { messageId: third.id, reason: 'Dit bericht is overbodig: de storing is al opgelost.' });
    expect(cancelMessage(ctx, users.anouk, { messageId: third.id }).state).toBe('cancelled');

    const fourth = createDraft(ctx, users.anouk, incidentUpdateDraft());
    submitMessage(ctx, users.anouk, { messageId: fourth.id });
    await approveMessage(ctx, users.bram, { messageId: fourth.id });
    expect(() => cancelMessage(ctx, users.anouk, { messageId: fourth.id })).toThrow(CancelNotAllowedError);
    expect(requireMessage(t.db, fourth.id).state).toBe('published');
  });

  it('drops the pending submission when a submitted message is taken back', () => {
    const { ctx, people: users } = t;
    const draft = createDraft(ctx, users.anouk, incidentUpdateDraft());
    submitMessage(ctx, users.anouk, { messageId: draft.id });
    expect(returnToDraft(ctx, users.anouk, { messageId: draft.id })).toMatchObject({ state: 'draft', submission: null });
  });

  it('refuses a state change the transition table does not have, also in SQL', () => {
    const draft = createDraft(t.ctx, t.people.anouk, incidentUpdateDraft());
    expect(() => t.db.prepare("UPDATE messages SET state = 'published', published_at = '2026-11-27T09:00:00Z', content_written_at = '2026-11-27T09:00:00Z' WHERE id = ?").run(draft.id)).toThrow(
      /illegal message state change/,
    );
    expect(() =>
      t.db
        .prepare(
          "INSERT INTO messages (id, subject_kind, subject_id, template_id, update_status, drill, state, author_id, created_at, updated_at) VALUES ('msg-smuggled-in', 'incident', 'x', 'storing-update', 'identified', 0, 'approved', ?, 'now', 'now')",
        )
        .run(t.people.anouk.userId),
    ).toThrow(/must be inserted as a draft/);
    expect(() => t.db.prepare('DELETE FROM messages WHERE id = ?').run(draft.id)).toThrow(/never deleted/);
    expect(findMessage(t.db, draft.id)?.state).toBe('draft');
  });
});

describe('preview', () => {
  it('renders the unsaved form through the production path and shows who would receive it, storing nothing', () => {
    const preview = previewMessage(t.drill, t.people.anouk, { draft: incidentUpdateDraft({ drill: true, subject: DRILL_INCIDENT, components: { 'registra-brp': 'major_outage' } }) });
    expect(preview.renderings.map((r) => [r.lang, r.subject])).toEqual([
      ['en', 'OEFENING / DRILL – Outage update: Registra BRP unavailable'],
      ['nl', 'OEFENING / DRILL – Update storing: Registra BRP niet bereikbaar'],
    ]);
    expect(preview.audience.map((r) => `${r.address} (${r.lang})`)).toEqual([
      'applicatiebeheer@amsterdam.nl (nl)',
      'burgerzaken@eindhoven.nl (en)',
      'servicedesk@utrecht.nl (nl)',
    ]);
    expect(t.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
  });

  it('renders Dutch only when no English text was written', () => {
    const draft = incidentUpdateDraft();
    delete draft.values!.en;
    expect(previewMessage(t.ctx, t.people.bram, { draft }).renderings.map((r) => r.lang)).toEqual(['nl']);
  });
});

describe('maintenance messages', () => {
  it('posts the status-page text as an update of the maintenance, to the contacts of the products in maintenance', async () => {
    const { ctx, people: users } = t;
    const subject = { kind: 'maintenance' as const, id: '2026-12-12-vervanging-servers-loket' };
    const loket = [
      { id: 'loket-formulieren', name: 'Loket Formulieren', status: 'under_maintenance' },
      { id: 'loket-afspraken', name: 'Loket Afspraken', status: 'under_maintenance' },
    ];
    const draft = createDraft(ctx, users.anouk, {
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
    t.clock.set('2026-12-12T07:02:00Z');
    submitMessage(ctx, users.anouk, { messageId: draft.id });
    const result = await approveMessage(ctx, users.bram, { messageId: draft.id });
    expect(result.publication.state).toBe('published');
    // Utrecht and Eindhoven use a Loket product and want all messages; Amsterdam's contact wants only Registra BRP and Zaakstroom.
    // Without English text Eindhoven's English-reading contact gets the Dutch message.
    expect(outboxRows(t.db, draft.id).map((row) => [row.address, row.lang])).toEqual([
      ['burgerzaken@eindhoven.nl', 'nl'],
      ['servicedesk@utrecht.nl', 'nl'],
    ]);
    const maintenance = readMaintenanceFile(t.contentDir, subject.id)!;
    expect(maintenance.updates.at(-1)).toMatchObject({ at: new Date('2026-12-12T07:02:00Z'), status: 'in_progress', body: { nl: expect.stringContaining('geen formulieren versturen') } });
  });
});

describe('the message list', () => {
  it('lists messages newest first, filtered by state, subject and drill', async () => {
    const { ctx, people: users, clock } = t;
    const first = createDraft(ctx, users.anouk, incidentUpdateDraft());
    clock.advance(60_000);
    const second = createDraft(ctx, users.anouk, incidentUpdateDraft());
    submitMessage(ctx, users.anouk, { messageId: second.id });
    clock.advance(60_000);
    const drill = createDraft(t.drill, users.anouk, incidentUpdateDraft({ drill: true, subject: DRILL_INCIDENT, components: { 'registra-brp': 'major_outage' } }));

    expect(listMessages(t.db).map((m) => m.id)).toEqual([drill.id, second.id, first.id]);
    expect(listMessages(t.db, { drill: true }).map((m) => m.id)).toEqual([drill.id]);
    expect(listMessages(t.db, { states: ['submitted'] }).map((m) => m.id)).toEqual([second.id]);
    expect(listMessages(t.db, { drill: false, subject: INCIDENT }).map((m) => [m.id, m.state, m.nextUpdateAt?.toISOString()])).toEqual([
      [second.id, 'submitted', '2026-11-27T09:30:00.000Z'],
      [first.id, 'draft', '2026-11-27T09:30:00.000Z'],
    ]);
    expect(listMessages(t.db, { states: [] })).toEqual([]);
  });
});
