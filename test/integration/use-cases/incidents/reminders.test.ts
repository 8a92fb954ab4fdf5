import { afterEach, describe, expect, it } from 'vitest';
import { listCapturedMail, readCapturedMail } from '../../../../src/mail/captured-mail.ts';
import { addUser } from '../../../../src/use-cases/accounts/add-user.ts';
import type { SignedInUser } from '../../../../src/use-cases/authorise.ts';
import { approvePublicChange } from '../../../../src/use-cases/incidents/approve-public-change.ts';
import { proposePublicChange, type PublicChangeProposal } from '../../../../src/use-cases/incidents/propose-public-change.ts';
import { listUpdateReminders, updateReminderMailId } from '../../../../src/use-cases/incidents/update-reminders.ts';
import { createDraft } from '../../../../src/use-cases/messages/create-draft.ts';
import { returnToDraft } from '../../../../src/use-cases/messages/return-to-draft.ts';
import { submitMessage } from '../../../../src/use-cases/messages/submit-message.ts';
import type { UseCaseContext } from '../../../../src/use-cases/context.ts';
import { MESSAGES_FIXTURE, incidentUpdateDraft } from '../../../support/builders.ts';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';

/**
 * Reminders that keep promises (issue 11, item 6), on the production wiring with a fake clock:
 * the reminder timer (tick) mails the incident manager and composers 10 minutes before and at the
 * promised update time, once per promise and moment, also across a restart; the banner lists the
 * promise until an update is offered; a drill's reminder is only captured, marked OEFENING; and
 * approvers are mailed, once, when a message or a public change waits for them, with its link.
 */
let t: TestApp;
afterEach(() => t?.close());

const PROMISE = new Date('2026-12-07T07:00:00Z');
const COMPOSERS = ['anouk.devries@voorbeeldsoftware.nl', 'eva.koster@voorbeeldsoftware.nl', 'sanne.devries@voorbeeldsoftware.nl'];
const APPROVERS_BUT_ANOUK = ['bram.jansen@voorbeeldsoftware.nl', 'dewi.pinas@voorbeeldsoftware.nl', 'eva.koster@voorbeeldsoftware.nl', 'fatima.elamrani@voorbeeldsoftware.nl'];

const opening: PublicChangeProposal = {
  kind: 'open',
  input: {
    title: 'Registra BRP niet bereikbaar in Utrecht',
    impact: 'major',
    components: { 'registra-brp': 'major_outage' },
    scope: { municipalities: ['GM0344'] },
    body: 'Medewerkers van de gemeente Utrecht kunnen niet inloggen in Registra BRP. We onderzoeken de oorzaak.',
    next_update_at: PROMISE.toISOString(),
  },
};

/** Anouk (composer) opens, Bram approves: the incident is public and promises an update at 07:00. */
function openApproved(ctx: UseCaseContext): { incidentId: string; changeId: string } {
  const offered = proposePublicChange(ctx, t.people.anouk, opening);
  approvePublicChange(ctx, t.people.bram, { changeId: offered.changeId, hash: offered.hash });
  return { incidentId: offered.incidentId, changeId: offered.changeId };
}

const queued = (prefix: string) => (t.db.prepare('SELECT id, drill FROM outbox_messages WHERE id LIKE ? ORDER BY created_at, id').all(`${prefix}%`) as Array<{ id: string; drill: number }>).map((row) => `${row.id}${row.drill ? ' (oefening)' : ''}`);
const recipientsOf = (messageId: string) => listCapturedMail(t.db, { outboxMessageId: messageId }).map((mail) => mail.recipient).sort();

describe('reminders of a promised update', () => {
  it('mail the incident manager and composers 10 minutes before and at the promised time, once each, also after a restart', async () => {
    t = await createTestApp({ catalogueOnly: true, start: '2026-12-07T06:20:00Z' });
    const { incidentId } = openApproved(t.ctx);
    const before = updateReminderMailId(incidentId, PROMISE, 'voor');
    const at = updateReminderMailId(incidentId, PROMISE, 'nu');
    expect(before).toBe(`herinnering-${incidentId}-20261207T070000Z-voor`);

    const reminders = t.app.startReminders(() => {});
    expect(reminders.tick()).toEqual([]);
    expect(listUpdateReminders(t.ctx, t.people.anouk)).toEqual([]);

    t.clock.set('2026-12-07T06:49:59Z');
    expect(reminders.tick()).toEqual([]);
    t.clock.set('2026-12-07T06:50:00Z');
    expect(reminders.tick()).toEqual([before]);
    expect(reminders.tick()).toEqual([]);
    expect(listUpdateReminders(t.ctx, t.people.anouk)).toMatchObject([{ incidentId, moment: 'voor', promisedAt: PROMISE, drill: false }]);

    t.clock.set('2026-12-07T07:00:00Z');
    expect(reminders.tick()).toEqual([at]);
    t.clock.set('2026-12-07T07:03:00Z');
    expect(reminders.tick()).toEqual([]);
    expect(listUpdateReminders(t.ctx, t.people.anouk)).toMatchObject([{ incidentId, moment: 'nu' }]);

    // A restart forgets nothing: the outbox ids are the memory.
    await t.restart();
    expect(t.app.startReminders(() => {}).tick()).toEqual([]);
    expect(queued('herinnering-')).toEqual([before, at]);

    await t.app.startDispatcher(() => {}).drain();
    // Anouk opened it, so she is its incident manager and a composer: one mail each, not two.
    expect(recipientsOf(before)).toEqual(COMPOSERS);
    expect(recipientsOf(at)).toEqual(COMPOSERS);
    const [soon] = listCapturedMail(t.db, { outboxMessageId: before, recipient: COMPOSERS[0] });
    expect(soon!.subject).toBe('Herinnering: update van “Registra BRP niet bereikbaar in Utrecht” verwacht op 7 december 2026 om 08:00');
    const due = readCapturedMail(t.db, listCapturedMail(t.db, { outboxMessageId: at, recipient: COMPOSERS[0] })[0]!.id)!;
    expect(due.text).toContain('zou komen. Die tijd is nu voorbij');
    expect(due.text).toContain(`/admin/incidenten/${incidentId}`);
    expect(due.text).not.toContain('OEFENING');
  });

  it('stop when the next update is offered, and a new promise is a new reminder', async () => {
    t = await createTestApp({ catalogueOnly: true, start: '2026-12-07T06:20:00Z' });
    const { incidentId } = openApproved(t.ctx);
    const reminders = t.app.startReminders(() => {});
    t.clock.set('2026-12-07T07:05:00Z');
    expect(reminders.tick()).toEqual([updateReminderMailId(incidentId, PROMISE, 'nu')]);

    // Offered: the banner goes, although the approver has not decided yet.
    const next = new Date('2026-12-07T08:00:00Z');
    const update = proposePublicChange(t.ctx, t.people.sanne, { kind: 'update', input: { id: incidentId, status: 'identified', body: 'De oorzaak is gevonden: een verlopen certificaat.', components: {}, next_update_at: next.toISOString() } });
    expect(listUpdateReminders(t.ctx, t.people.sanne)).toEqual([]);
    expect(reminders.tick()).toEqual([]);

    // Approved: the new promise (08:00) is reminded of in its turn.
    approvePublicChange(t.ctx, t.people.bram, { changeId: update.changeId, hash: update.hash });
    t.clock.set('2026-12-07T07:52:00Z');
    expect(reminders.tick()).toEqual([updateReminderMailId(incidentId, next, 'voor')]);
  });

  it('of a drill are only captured, marked OEFENING, and never mix with live mail', async () => {
    t = await createTestApp({ catalogueOnly: true, start: '2026-12-07T06:20:00Z' });
    const { incidentId } = openApproved(t.drill);
    const reminders = t.app.startReminders(() => {});
    t.clock.set('2026-12-07T07:00:00Z');
    const id = updateReminderMailId(incidentId, PROMISE, 'nu');
    expect(reminders.tick()).toEqual([id]);
    expect(listUpdateReminders(t.drill, t.people.anouk)).toMatchObject([{ incidentId, drill: true }]);
    expect(listUpdateReminders(t.ctx, t.people.anouk)).toEqual([]);
    expect(queued('herinnering-')).toEqual([`${id} (oefening)`]);

    await t.app.startDispatcher(() => {}).drain();
    const mails = listCapturedMail(t.db, { outboxMessageId: id });
    expect(mails.map((mail) => mail.recipient).sort()).toEqual(COMPOSERS);
    for (const mail of mails) {
      expect(mail.drill).toBe(true);
      expect(mail.subject).toMatch(/^OEFENING: Herinnering/);
    }
    expect(readCapturedMail(t.db, mails[0]!.id)!.text).toContain('Dit is een oefening.');
    expect(listCapturedMail(t.db, { drill: false }).filter((mail) => mail.outboxMessageId?.startsWith('herinnering-') ?? false)).toEqual([]);
  });
});

describe('approvers are told what waits for them', () => {
  it('a public change: once, to every active approver but its author, with the link to where they decide', async () => {
    t = await createTestApp({ catalogueOnly: true, start: '2026-12-07T06:20:00Z' });
    const offered = proposePublicChange(t.ctx, t.people.anouk, opening);
    const id = `goedkeuring-wijziging-${offered.changeId}`;
    expect(queued('goedkeuring-')).toEqual([id]);
    await t.app.startDispatcher(() => {}).drain();
    expect(recipientsOf(id)).toEqual(APPROVERS_BUT_ANOUK);
    const mail = listCapturedMail(t.db, { outboxMessageId: id, recipient: 'bram.jansen@voorbeeldsoftware.nl' })[0]!;
    expect(mail.subject).toBe('Wacht op uw goedkeuring: wijziging van “Registra BRP niet bereikbaar in Utrecht”');
    const text = readCapturedMail(t.db, mail.id)!.text;
    expect(text).toContain('Anouk de Vries heeft een wijziging van de statuspagina aangeboden.');
    expect(text).toContain(`${t.ctx.config.adminUrl.replace(/\/+$/, '')}/admin/incidenten/${offered.incidentId}#wacht-op-goedkeuring`);

    // Eva (composer and approver) offers an update: she is not told about her own offer.
    approvePublicChange(t.ctx, t.people.bram, { changeId: offered.changeId, hash: offered.hash });
    const update = proposePublicChange(t.ctx, t.people.eva, { kind: 'update', input: { id: offered.incidentId, status: 'identified', body: 'De oorzaak is gevonden.', components: {} } });
    await t.app.startDispatcher(() => {}).drain();
    expect(recipientsOf(`goedkeuring-wijziging-${update.changeId}`)).toEqual(['bram.jansen@voorbeeldsoftware.nl', 'dewi.pinas@voorbeeldsoftware.nl', 'fatima.elamrani@voorbeeldsoftware.nl']);
  });

  it('not an approver that separation of duties keeps from deciding it', async () => {
    t = await createTestApp({ catalogueOnly: true, start: '2026-12-07T06:20:00Z' });
    // Fatima (admin and approver) opens an account for Kees today: for 7 days she may not approve his work.
    const kees = await addUser(t.ctx, t.people.fatima, { email: 'kees.smit@voorbeeldsoftware.nl', name: 'Kees Smit', roles: ['composer'], password: 'zonnebloem-koffie-molen-88' });
    const asKees: SignedInUser = { kind: 'user', userId: kees.id, email: kees.email, name: kees.name, roles: [...kees.roles], sessionId: 'sessie-kees', sessionStartedAt: t.clock.now() };
    const offered = proposePublicChange(t.ctx, asKees, opening);
    await t.app.startDispatcher(() => {}).drain();
    expect(recipientsOf(`goedkeuring-wijziging-${offered.changeId}`)).toEqual(['bram.jansen@voorbeeldsoftware.nl', 'dewi.pinas@voorbeeldsoftware.nl', 'eva.koster@voorbeeldsoftware.nl']);
  });

  it('a message: once, with the link to the message, even when it is offered again', async () => {
    t = await createTestApp({ ...MESSAGES_FIXTURE });
    const draft = createDraft(t.ctx, t.people.anouk, incidentUpdateDraft());
    submitMessage(t.ctx, t.people.anouk, { messageId: draft.id });
    const id = `goedkeuring-bericht-${draft.id}`;
    expect(queued('goedkeuring-')).toEqual([id]);
    await t.app.startDispatcher(() => {}).drain();
    expect(recipientsOf(id)).toEqual(APPROVERS_BUT_ANOUK);
    const mail = listCapturedMail(t.db, { outboxMessageId: id, recipient: 'dewi.pinas@voorbeeldsoftware.nl' })[0]!;
    expect(mail.subject).toMatch(/^Wacht op uw goedkeuring: bericht “/);
    expect(mail.drill).toBe(false);
    expect(readCapturedMail(t.db, mail.id)!.text).toContain(`/admin/berichten/${draft.id}`);

    // Taken back and offered again: the approvers already know it.
    returnToDraft(t.ctx, t.people.anouk, { messageId: draft.id });
    submitMessage(t.ctx, t.people.anouk, { messageId: draft.id });
    expect(queued('goedkeuring-')).toEqual([id]);
  });
});
