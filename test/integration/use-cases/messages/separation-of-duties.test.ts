import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignedInUser } from '../../../../src/auth/signed-in-user.ts';
import { addUser } from '../../../../src/use-cases/accounts/add-user.ts';
import { resetPassword } from '../../../../src/use-cases/accounts/reset-password.ts';
import { setUserRoles } from '../../../../src/use-cases/accounts/set-user-roles.ts';
import { approveMessage } from '../../../../src/use-cases/messages/approve-message.ts';
import { createDraft } from '../../../../src/use-cases/messages/create-draft.ts';
import { submitMessage } from '../../../../src/use-cases/messages/submit-message.ts';
import { refusalText } from '../../../../src/i18n/refusals.ts';
import { requireMessage } from '../../../../src/store/messages-repository.ts';
import { MESSAGES_FIXTURE, incidentUpdateDraft } from '../../../support/builders.ts';
import { createTestApp, outboxRows, type TestApp } from '../../../support/test-app.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp(MESSAGES_FIXTURE);
});
afterEach(() => t.close());

/** Signs in as an account the way the admin's session does. */
function signedIn(user: { id: number; email: string; name: string; roles: SignedInUser['roles'] }): SignedInUser {
  return { kind: 'user', userId: user.id, email: user.email, name: user.name, roles: [...user.roles], sessionId: `sessie-${user.id}`, sessionStartedAt: t.clock.now() };
}

/** The attack of the issue: an admin creates a composer account, writes as it, and approves as themselves. */
async function messageOfAccountMadeBy(admin: SignedInUser): Promise<{ id: string; authorId: number }> {
  const kees = await addUser(t.ctx, admin, { email: 'kees.smit@voorbeeldsoftware.nl', name: 'Kees Smit', roles: ['composer'], password: 'zonnebloem-koffie-molen-88' });
  const asKees = signedIn(kees);
  const draft = createDraft(t.ctx, asKees, incidentUpdateDraft());
  submitMessage(t.ctx, asKees, { messageId: draft.id });
  return { id: draft.id, authorId: kees.id };
}

const dutyRefusals = () =>
  (t.db.prepare("SELECT actor_name, subject_type, subject_id, details FROM audit_log WHERE action = 'duty_separation_refused' ORDER BY seq").all() as Array<{ actor_name: string; subject_type: string; subject_id: string; details: string }>).map(
    (row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }),
  );

describe('separation of duties in the use cases', () => {
  it('refuses an admin-approver who created the author’s account, explains why, and audits it', async () => {
    const message = await messageOfAccountMadeBy(t.people.fatima);
    const refusal = await approveMessage(t.ctx, t.people.fatima, { messageId: message.id }).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'approver_changed_author', params: { change: 'created', days: 7 } });
    expect(refusalText(refusal as never, 'nl')).toMatch(/^U heeft het account van de schrijver van dit bericht aangemaakt\. Daarom mag u de berichten van dit account 7 dagen niet goedkeuren \(tot .+\)\. Vraag een andere goedkeurder\.$/);
    expect(requireMessage(t.db, message.id)).toMatchObject({ state: 'submitted', approval: null });
    expect(outboxRows(t.db, message.id)).toEqual([]);
    expect(dutyRefusals()).toEqual([{ actor_name: 'Fatima El Amrani', subject_type: 'message', subject_id: message.id, details: expect.objectContaining({ code: 'approver_changed_author', change: 'created', author_id: message.authorId }) }]);
    // A colleague who had nothing to do with the account approves as usual.
    await expect(approveMessage(t.ctx, t.people.bram, { messageId: message.id })).resolves.toMatchObject({ recipients: 3 });
  });

  it('holds for 7 days after the last change, a password reset included', async () => {
    const message = await messageOfAccountMadeBy(t.people.fatima);
    t.clock.advance(6 * DAY);
    await resetPassword(t.ctx, t.people.fatima, { id: message.authorId }, 'tulpenvelden-in-de-lente-12');
    t.clock.advance(6 * DAY);
    await expect(approveMessage(t.ctx, t.people.fatima, { messageId: message.id })).rejects.toMatchObject({ code: 'approver_changed_author', params: { change: 'password_reset' } });
    t.clock.advance(DAY + HOUR);
    await expect(approveMessage(t.ctx, t.people.fatima, { messageId: message.id })).resolves.toMatchObject({ recipients: 3 });
  });

  it('refuses an admin who changes their own roles, and audits the attempt', () => {
    expect(() => setUserRoles(t.ctx, t.people.cor, { id: t.people.cor.userId }, ['admin', 'approver'])).toThrow(expect.objectContaining({ code: 'own_account' }));
    expect(dutyRefusals()).toEqual([{ actor_name: 'Cor Bakker', subject_type: 'user', subject_id: String(t.people.cor.userId), details: expect.objectContaining({ code: 'own_account', to: ['approver', 'admin'] }) }]);
  });

  it('bars an approver for 24 hours after their own roles changed', async () => {
    const draft = createDraft(t.ctx, t.people.anouk, incidentUpdateDraft());
    submitMessage(t.ctx, t.people.anouk, { messageId: draft.id });
    // Another admin gives Cor the approver role: Cor may approve, but not today.
    setUserRoles(t.ctx, t.people.fatima, { id: t.people.cor.userId }, ['admin', 'approver']);
    const cor = { ...t.people.cor, roles: ['admin' as const, 'approver' as const] };
    await expect(approveMessage(t.ctx, cor, { messageId: draft.id })).rejects.toMatchObject({ code: 'approver_roles_changed', params: { hours: 24 } });
    t.clock.advance(23 * HOUR);
    await expect(approveMessage(t.ctx, cor, { messageId: draft.id })).rejects.toMatchObject({ code: 'approver_roles_changed' });
    t.clock.advance(2 * HOUR);
    await expect(approveMessage(t.ctx, cor, { messageId: draft.id })).resolves.toMatchObject({ recipients: 3 });
  });
});

describe('separation of duties in the database', () => {
  const insertApproval = (messageId: string, approverId: number, authorId: number, at: Date) => {
    const hash = requireMessage(t.db, messageId).submission!.hash;
    return t.db
      .prepare('INSERT INTO message_approvals (message_id, approver_id, author_id, approved_at, approval_hash) VALUES (?, ?, ?, ?, ?)')
      .run(messageId, approverId, authorId, at.toISOString(), hash);
  };

  it('refuses a direct SQL approval by the admin who created the author’s account', async () => {
    const message = await messageOfAccountMadeBy(t.people.fatima);
    expect(() => insertApproval(message.id, t.people.fatima.userId, message.authorId, t.clock.now())).toThrow(/separation of duties: the approver changed the author's account/);
  });

  it('refuses a direct SQL approval by someone whose roles changed today', () => {
    const draft = createDraft(t.ctx, t.people.anouk, incidentUpdateDraft());
    submitMessage(t.ctx, t.people.anouk, { messageId: draft.id });
    setUserRoles(t.ctx, t.people.fatima, { id: t.people.dewi.userId }, ['approver', 'composer']);
    expect(() => insertApproval(draft.id, t.people.dewi.userId, t.people.anouk.userId, t.clock.now())).toThrow(/the approver's roles changed in the last 24 hours/);
  });

  it('refuses a recorded change of one’s own roles and any rewrite of the record', () => {
    const cor = t.people.cor.userId;
    expect(() => t.db.prepare("INSERT INTO account_changes (user_id, changed_by, change, changed_at) VALUES (?, ?, 'roles_changed', ?)").run(cor, cor, t.clock.now().toISOString())).toThrow(/CHECK constraint failed/);
    setUserRoles(t.ctx, t.people.fatima, { id: t.people.dewi.userId }, ['approver', 'composer']);
    expect(() => t.db.exec('DELETE FROM account_changes')).toThrow(/append-only/);
    expect(() => t.db.exec("UPDATE account_changes SET changed_at = '2020-01-01T00:00:00.000Z'")).toThrow(/append-only/);
  });
});
