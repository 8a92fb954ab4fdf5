import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCapturedMail, readCapturedMail } from '../../../../src/mail/captured-mail.ts';
import { insertUser, setUserActive } from '../../../../src/store/user-repository.ts';
import { signalAlertMailId } from '../../../../src/use-cases/signals/alert-mail.ts';
import { listSignalAlerts } from '../../../../src/use-cases/signals/list-alerts.ts';
import { recordSignal } from '../../../../src/use-cases/signals/record-signal.ts';
import type { UseCaseContext } from '../../../../src/use-cases/context.ts';
import { MESSAGES_FIXTURE } from '../../../support/builders.ts';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';

const MINUTE = 60_000;
let t: TestApp;

/**
 * An alert e-mails the incident managers, once: through the real outbox and dispatcher into the
 * local mailbox (no SMTP_URL), live as ordinary internal mail, a drill's as captured drill mail
 * marked OEFENING.
 */
beforeEach(async () => {
  t = await createTestApp({ content: MESSAGES_FIXTURE.content, start: '2026-12-03T07:55:00Z' });
  const at = t.clock.now();
  // Nobody signs in here: any well-formed hash will do.
  const HASH = '$argon2id$v=19$m=256,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA';
  insertUser(t.db, { email: 'priya.ramdin@voorbeeldsoftware.nl', name: 'Priya Ramdin', passwordHash: HASH, roles: ['incident_manager'], at });
  insertUser(t.db, { email: 'joost.visser@voorbeeldsoftware.nl', name: 'Joost Visser', passwordHash: HASH, roles: ['incident_manager', 'composer'], at });
  // Someone who left: an incident manager no more.
  const former = insertUser(t.db, { email: 'kees.dijkstra@voorbeeldsoftware.nl', name: 'Kees Dijkstra', passwordHash: HASH, roles: ['incident_manager'], at });
  setUserActive(t.db, former.id, false, at);
});
afterEach(() => t.close());

/** Calls about Registra BRP from these municipalities, two minutes apart. */
function calls(ctx: UseCaseContext, codes: readonly string[], prefix: string) {
  return codes.map((code, index) => {
    t.clock.advance(2 * MINUTE);
    return recordSignal(ctx, t.people.anouk, {
      product: 'registra-brp',
      municipality: code,
      source: 'topdesk',
      reference: `${prefix}-${index}`,
      summary: 'Medewerkers Burgerzaken kunnen niet inloggen in Registra BRP.',
      received_at: t.clock.now().toISOString(),
    });
  });
}

const outboxMessages = () => t.db.prepare("SELECT id, drill, kind FROM outbox_messages WHERE id LIKE 'waarschuwing-%' ORDER BY id").all();

describe('the mail an alert sends the incident managers', () => {
  it('goes out once when the alert is raised, to every active incident manager, and not again as the alert grows', async () => {
    const results = calls(t.ctx, ['GM0344', 'GM0363', 'GM0772', 'GM0599', 'GM0855', 'GM0758'], 'M2612');
    expect(results.map((result) => result.alert?.kind ?? null)).toEqual([null, null, null, 'raised', 'grown', 'grown']);
    const [alert] = listSignalAlerts(t.ctx, t.people.bram);
    expect(outboxMessages()).toEqual([{ id: signalAlertMailId(alert!.id), drill: 0, kind: 'test' }]);
    await t.app.startDispatcher(() => {}).drain();

    const mails = listCapturedMail(t.db, { outboxMessageId: signalAlertMailId(alert!.id) });
    expect(mails.map((mail) => mail.recipient).sort()).toEqual(['joost.visser@voorbeeldsoftware.nl', 'priya.ramdin@voorbeeldsoftware.nl']);
    expect(mails.every((mail) => !mail.drill && mail.subject === 'Mogelijk landelijke storing: Registra BRP')).toBe(true);
    const text = readCapturedMail(t.db, mails[0]!.id)!.text;
    expect(text).toContain('Helder zag 4 meldingen van 4 gemeenten over Registra BRP.');
    expect(text).toContain('- Utrecht (GM0344)');
    expect(text).toContain(`/admin/meldingen/waarschuwing/${alert!.id}`);
    expect(text).not.toContain('OEFENING');
  });

  it('from a drill alert is only captured, marked OEFENING, and never counts as live mail', async () => {
    calls(t.drill, ['GM0344', 'GM0363', 'GM0772', 'GM0599'], 'OEF');
    const [alert] = listSignalAlerts(t.drill, t.people.bram);
    expect(outboxMessages()).toEqual([{ id: signalAlertMailId(alert!.id), drill: 1, kind: 'test' }]);
    await t.app.startDispatcher(() => {}).drain();
    const mails = listCapturedMail(t.db, { outboxMessageId: signalAlertMailId(alert!.id) });
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      expect(mail.drill).toBe(true);
      expect(mail.subject).toMatch(/^OEFENING/);
    }
    expect(readCapturedMail(t.db, mails[0]!.id)!.text).toContain('Dit is een oefening.');
    expect(listCapturedMail(t.db, { drill: false })).toEqual([]);
  });

  it('is not queued when nobody is an incident manager; the alert is raised all the same', () => {
    t.db.prepare("DELETE FROM user_roles WHERE role = 'incident_manager'").run();
    const results = calls(t.ctx, ['GM0344', 'GM0363', 'GM0772', 'GM0599'], 'M2613');
    expect(results.at(-1)!.alert?.kind).toBe('raised');
    expect(outboxMessages()).toEqual([]);
  });
});
