import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveMessage } from '../../../../src/use-cases/messages/approve-message.ts';
import { createDraft } from '../../../../src/use-cases/messages/create-draft.ts';
import { listOverdueUpdates } from '../../../../src/use-cases/messages/list-overdue-updates.ts';
import { publishMessage } from '../../../../src/use-cases/messages/publish-message.ts';
import { retryPublications } from '../../../../src/use-cases/messages/retry-publications.ts';
import { submitMessage } from '../../../../src/use-cases/messages/submit-message.ts';
import { PublishNotAllowedError, type MessageDraftInput } from '../../../../src/domain/message-lifecycle.ts';
import { verifyAuditChain } from '../../../../src/store/audit-log.ts';
import { listAwaitingPublication, requireMessage } from '../../../../src/store/messages-repository.ts';
import { mkdirSync, renameSync, rmdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { readIncidentFile } from '../../../../src/content/write-content.ts';
import type { Database } from '../../../../src/store/database.ts';
import { DRILL_INCIDENT, INCIDENT, MESSAGES_FIXTURE, incidentUpdateDraft, resolutionDraft } from '../../../support/builders.ts';
import { auditTrail, createTestApp, outboxRows, type TestApp } from '../../../support/test-app.ts';

/** Audited changes of the content made for one message: the status-page writes. */
const contentWrites = (messageId: string) =>
  (t.db.prepare("SELECT count(*) AS n FROM audit_log WHERE subject_type = 'incident' AND json_extract(details, '$.messageId') = ?").get(messageId) as { n: number }).n;

const countDeliveries = (db: Database, messageId: string) =>
  (db.prepare('SELECT count(*) AS n FROM outbox_deliveries WHERE message_id = ?').get(messageId) as { n: number }).n;

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp(MESSAGES_FIXTURE);
});
afterEach(() => t.close());

const trail = (messageId: string) => auditTrail(t.db, { type: 'message', id: messageId });

function submitted(overrides: Partial<MessageDraftInput> = {}): string {
  const draft = createDraft(t.ctx, t.people.anouk, incidentUpdateDraft(overrides));
  submitMessage(t.ctx, t.people.anouk, { messageId: draft.id });
  return draft.id;
}

describe('after approval', () => {
  it('keeps the message approved and queued when the content write fails, and a retry finishes it', async () => {
    const id = submitted();
    // Right after the approval commits (as the dispatcher is woken, before the status page is written)
    // someone replaces the incident file by a symlink: the content writer refuses it.
    const file = join(t.contentDir, 'incidents', `${INCIDENT.id}.md`);
    const wake = t.ctx.mail.wake;
    t.ctx.mail.wake = () => {
      t.ctx.mail.wake = wake;
      renameSync(file, `${file}.real`);
      symlinkSync(`${file}.real`, file);
      wake();
    };
    const result = await approveMessage(t.ctx, t.people.bram, { messageId: id });
    expect(result.publication).toEqual({
      state: 'approved',
      attempts: 1,
      error: `UnsafeContentPathError: ${file} is not a regular file (a symlink or folder?); refusing to read it`,
    });
    expect(requireMessage(t.db, id)).toMatchObject({ state: 'approved', contentWrittenAt: null });
    expect(outboxRows(t.db, id)).toHaveLength(3);
    expect(listAwaitingPublication(t.db, { drill: false })).toEqual([id]);

    rmSync(file);
    renameSync(`${file}.real`, file);
    t.clock.advance(5 * 60_000);
    const retried = await publishMessage(t.ctx, t.people.dewi, { messageId: id });
    expect(retried).toEqual({ state: 'published', publishedAt: new Date('2026-11-27T08:55:00Z') });
    // The update keeps the approval time, so a retry never posts it at a later moment.
    expect(readIncidentFile(t.contentDir, INCIDENT.id)!.updates.map((update) => update.at.toISOString())).toEqual([
      '2026-11-27T08:12:00.000Z',
      '2026-11-27T08:41:00.000Z',
      '2026-11-27T08:50:00.000Z',
    ]);
    expect(listAwaitingPublication(t.db, { drill: false })).toEqual([]);
    expect(trail(id).map(([action, actor, event]) => `${action}/${event} by ${actor}`)).toEqual([
      'message_drafted/drafted by Anouk de Vries',
      'message_submitted/submitted by Anouk de Vries',
      'message_approved/approved by Bram Jansen',
      'delivery_queued/- by Bram Jansen',
      'message_publication_failed/publication_failed by Bram Jansen',
      'message_published/published by Dewi Pinas',
    ]);
  });

  it('does not write the content twice when only the publish request failed', async () => {
    const id = submitted();
    t.refusePublishRequests(2);
    expect((await approveMessage(t.ctx, t.people.bram, { messageId: id })).publication).toMatchObject({
      state: 'approved',
      attempts: 1,
      error: 'Error: publisher unavailable: the build directory is not writable',
    });
    // The content was written before the publish request failed.
    expect(readIncidentFile(t.contentDir, INCIDENT.id)!.updates).toHaveLength(3);
    expect(await publishMessage(t.ctx, t.people.bram, { messageId: id })).toMatchObject({
      state: 'approved',
      attempts: 2,
      error: 'Error: publisher unavailable: the build directory is not writable',
    });
    expect(await publishMessage(t.ctx, t.people.bram, { messageId: id })).toMatchObject({ state: 'published' });
    // Written once: one update in the file, one audited content change for this message.
    expect(readIncidentFile(t.contentDir, INCIDENT.id)!.updates).toHaveLength(3);
    expect(contentWrites(id)).toBe(1);
    expect(requireMessage(t.db, id).contentWrittenAt).not.toBeNull();
    expect(t.publishRequests).toEqual([`message ${id} approved`]);
    // Publishing again is harmless and changes nothing.
    expect(await publishMessage(t.ctx, t.people.bram, { messageId: id })).toMatchObject({ state: 'published' });
    expect(t.publishRequests).toHaveLength(1);
    expect(contentWrites(id)).toBe(1);
  });

  it('refuses to publish what was never approved', async () => {
    const id = submitted();
    await expect(publishMessage(t.ctx, t.people.bram, { messageId: id })).rejects.toThrow(PublishNotAllowedError);
    expect(readIncidentFile(t.contentDir, INCIDENT.id)!.updates).toHaveLength(2);
    expect(contentWrites(id)).toBe(0);
    expect(t.publishRequests).toEqual([]);
  });
});

describe('the approval transaction', () => {
  it('commits nothing when the outbox refuses: no approval, no audit entry, no queued rows', async () => {
    const id = submitted();
    // A stray outbox entry under the same id makes the real outbox refuse the message.
    t.db
      .prepare("INSERT INTO outbox_messages (id, thread_key, kind, drill, state, created_at, expires_at) VALUES (?, 'x', 'announcement', 0, 'cancelled', '2026-11-27T08:00:00Z', '2026-11-27T14:00:00Z')")
      .run(id);
    await expect(approveMessage(t.ctx, t.people.bram, { messageId: id })).rejects.toThrow(/is already in the outbox/);
    expect(requireMessage(t.db, id)).toMatchObject({ state: 'submitted', approval: null });
    expect(countDeliveries(t.db, id)).toBe(0);
    expect(trail(id).map(([action]) => action)).toEqual(['message_drafted', 'message_submitted']);
    expect(verifyAuditChain(t.db)).toMatchObject({ ok: true });

    t.db.prepare('DELETE FROM outbox_messages WHERE id = ?').run(id);
    await expect(approveMessage(t.ctx, t.people.bram, { messageId: id })).resolves.toMatchObject({ recipients: 3 });
  });

  it('writes each audit entry in the same transaction as its change', async () => {
    const id = submitted();
    // Make the audit insert itself fail: the approval must roll back with it.
    t.db.exec(`CREATE TRIGGER test_audit_refuses_approved BEFORE INSERT ON audit_log WHEN NEW.action = 'message_approved'
      BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END`);
    await expect(approveMessage(t.ctx, t.people.bram, { messageId: id })).rejects.toThrow(/audit log unavailable/);
    expect(requireMessage(t.db, id)).toMatchObject({ state: 'submitted', approval: null });
    expect(countDeliveries(t.db, id)).toBe(0);
    t.db.exec('DROP TRIGGER test_audit_refuses_approved');
  });
});

describe('overdue next updates', () => {
  it('lists incidents whose last approved message promised an update that has not come', async () => {
    const { ctx, people: users, clock } = t;
    const first = submitted({ next_update_at: '2026-11-27T09:30:00Z' });
    await approveMessage(ctx, users.bram, { messageId: first });
    // A later draft promises nothing to anyone yet.
    createDraft(ctx, users.anouk, incidentUpdateDraft({ next_update_at: '2026-11-27T12:00:00Z' }));
    // A drill promise is listed only among drills.
    const drillDraft = createDraft(t.drill, users.anouk, incidentUpdateDraft({ subject: DRILL_INCIDENT, components: { 'registra-brp': 'major_outage' }, next_update_at: '2026-11-27T09:00:00Z' }));
    submitMessage(t.drill, users.anouk, { messageId: drillDraft.id });
    await approveMessage(t.drill, users.bram, { messageId: drillDraft.id });

    clock.set('2026-11-27T09:30:00Z');
    expect(listOverdueUpdates(ctx)).toEqual([]);

    clock.set('2026-11-27T09:47:30Z');
    expect(listOverdueUpdates(ctx)).toEqual([
      { subject: { kind: 'incident', id: '2026-11-27-registra-brp-landelijke-storing' }, messageId: first, promisedAt: new Date('2026-11-27T09:30:00Z'), minutesOverdue: 17 },
    ]);
    expect(listOverdueUpdates(t.drill).map((overdue) => [overdue.subject.id, overdue.minutesOverdue])).toEqual([
      [DRILL_INCIDENT.id, 47],
    ]);
    expect(listOverdueUpdates(ctx, { isOpen: () => false })).toEqual([]);

    // The promised update arrives: approved with a new promise, nothing is overdue any more.
    const second = submitted({ next_update_at: '2026-11-27T10:30:00Z' });
    await approveMessage(ctx, users.bram, { messageId: second });
    expect(listOverdueUpdates(ctx)).toEqual([]);

    // Resolved: no promise, never overdue.
    const resolution = createDraft(ctx, users.anouk, resolutionDraft());
    submitMessage(ctx, users.anouk, { messageId: resolution.id });
    const resolved = resolution.id;
    await approveMessage(ctx, users.bram, { messageId: resolved });
    clock.set('2026-11-28T09:00:00Z');
    expect(listOverdueUpdates(ctx)).toEqual([]);
  });
});

describe('retrying publications', () => {
  it('finishes every approved message whose publication failed, as the system, and leaves the rest alone', async () => {
    const failed = submitted();
    t.refusePublishRequests(1);
    await approveMessage(t.ctx, t.people.bram, { messageId: failed });
    t.clock.advance(60_000);
    const fine = submitted();
    await approveMessage(t.ctx, t.people.bram, { messageId: fine });
    const pending = submitted();
    // A drill message whose publication failed (its incident file was briefly a folder) is the drill context's to retry.
    const drillDraft = createDraft(t.drill, t.people.anouk, incidentUpdateDraft({ subject: DRILL_INCIDENT, components: { 'registra-brp': 'major_outage' } }));
    submitMessage(t.drill, t.people.anouk, { messageId: drillDraft.id });
    const drillFile = join(t.drillContentDir, 'incidents', `${DRILL_INCIDENT.id}.md`);
    const wake = t.drill.mail.wake;
    t.drill.mail.wake = () => {
      t.drill.mail.wake = wake;
      renameSync(drillFile, `${drillFile}.real`);
      mkdirSync(drillFile);
    };
    expect((await approveMessage(t.drill, t.people.bram, { messageId: drillDraft.id })).publication.state).toBe('approved');
    rmdirSync(drillFile);
    renameSync(`${drillFile}.real`, drillFile);
    t.clock.advance(60_000);

    const results = await retryPublications(t.ctx);
    expect(results).toEqual([{ messageId: failed, result: { state: 'published', publishedAt: new Date('2026-11-27T08:52:00Z') } }]);
    expect(requireMessage(t.db, fine).state).toBe('published');
    expect(requireMessage(t.db, pending).state).toBe('submitted');
    expect(trail(failed).at(-1)).toEqual(['message_published', 'system', 'published']);
    expect(await retryPublications(t.ctx)).toEqual([]);
    expect(requireMessage(t.db, drillDraft.id).state).toBe('approved');
    expect(await retryPublications(t.drill)).toEqual([{ messageId: drillDraft.id, result: { state: 'published', publishedAt: new Date('2026-11-27T08:52:00Z') } }]);
  });
});

describe('the public site', () => {
  it('is rebuilt for live messages, and never for drill messages', async () => {
    const live = submitted();
    await approveMessage(t.ctx, t.people.bram, { messageId: live });
    expect(t.publishRequests).toEqual([`incident ${INCIDENT.id}: incident_updated`]);
    const drillDraft = createDraft(t.drill, t.people.anouk, incidentUpdateDraft({ subject: DRILL_INCIDENT, components: { 'registra-brp': 'major_outage' } }));
    submitMessage(t.drill, t.people.anouk, { messageId: drillDraft.id });
    expect((await approveMessage(t.drill, t.people.bram, { messageId: drillDraft.id })).publication.state).toBe('published');
    // The drill update is in the drill content, which only the admin's preview shows; the public site is not asked to rebuild.
    expect(readIncidentFile(t.drillContentDir, DRILL_INCIDENT.id)!.updates).toHaveLength(2);
    expect(t.publishRequests).toEqual([`incident ${INCIDENT.id}: incident_updated`]);
  });
});
