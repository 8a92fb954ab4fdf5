import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSitePublisher } from '../../../src/admin/messages/adapters/site-publisher.ts';
import { approveMessage } from '../../../src/admin/messages/approve-message.ts';
import { createDraft } from '../../../src/admin/messages/create-draft.ts';
import { listOverdueUpdates } from '../../../src/admin/messages/list-overdue-updates.ts';
import { publishMessage } from '../../../src/admin/messages/publish-message.ts';
import { retryPublications } from '../../../src/admin/messages/retry-publications.ts';
import { submitMessage } from '../../../src/admin/messages/submit-message.ts';
import { PublishNotAllowedError, type MessageDraftInput } from '../../../src/domain/message-lifecycle.ts';
import { verifyAuditChain } from '../../../src/store/audit-log.ts';
import { listAwaitingPublication, requireMessage } from '../../../src/store/messages-repository.ts';
import { renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { readIncidentFile } from '../../../src/content/write-content.ts';
import type { Database } from '../../../src/store/database.ts';
import { DRILL_INCIDENT, INCIDENT, auditTrail, incidentUpdateDraft, openTestbed, resolutionDraft, type MessagesTestbed } from './support.ts';

const countDeliveries = (db: Database, messageId: string) =>
  (db.prepare('SELECT count(*) AS n FROM outbox_deliveries WHERE message_id = ?').get(messageId) as { n: number }).n;

let bed: MessagesTestbed;
beforeEach(() => {
  bed = openTestbed();
});
afterEach(() => bed.close());

function submitted(overrides: Partial<MessageDraftInput> = {}): string {
  const draft = createDraft(bed.deps, bed.users.anouk, incidentUpdateDraft(overrides));
  submitMessage(bed.deps, bed.users.anouk, { messageId: draft.id });
  return draft.id;
}

describe('after approval', () => {
  it('keeps the message approved and queued when the content write fails, and a retry finishes it', async () => {
    const id = submitted();
    // Right after approval someone replaces the incident file by a symlink: the content writer refuses it.
    const file = join(bed.contentDir, 'incidents', `${INCIDENT.id}.md`);
    bed.statusPage.beforeNextWrite = () => {
      renameSync(file, `${file}.real`);
      symlinkSync(`${file}.real`, file);
    };
    const result = await approveMessage(bed.deps, bed.users.bram, { messageId: id });
    expect(result.publication).toEqual({
      state: 'approved',
      attempts: 1,
      error: `UnsafeContentPathError: ${file} is not a regular file (a symlink or folder?); refusing to read it`,
    });
    expect(requireMessage(bed.db, id)).toMatchObject({ state: 'approved', contentWrittenAt: null });
    expect(bed.outboxRows(id)).toHaveLength(3);
    expect(listAwaitingPublication(bed.db)).toEqual([id]);

    rmSync(file);
    renameSync(`${file}.real`, file);
    bed.clock.advance(5 * 60_000);
    const retried = await publishMessage(bed.deps, bed.users.dewi, { messageId: id });
    expect(retried).toEqual({ state: 'published', publishedAt: new Date('2026-11-27T08:55:00Z') });
    // The update keeps the approval time, so a retry never posts it at a later moment.
    expect(readIncidentFile(bed.contentDir, INCIDENT.id)!.updates.map((update) => update.at.toISOString())).toEqual([
      '2026-11-27T08:12:00.000Z',
      '2026-11-27T08:41:00.000Z',
      '2026-11-27T08:50:00.000Z',
    ]);
    expect(listAwaitingPublication(bed.db)).toEqual([]);
    expect(auditTrail(bed.db, id).map(([action, actor, event]) => `${action}/${event} by ${actor}`)).toEqual([
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
    bed.publisher.failuresLeft = 2;
    expect((await approveMessage(bed.deps, bed.users.bram, { messageId: id })).publication).toMatchObject({ state: 'approved', attempts: 1 });
    expect(requireMessage(bed.db, id).contentWrittenAt).not.toBeNull();
    expect(await publishMessage(bed.deps, bed.users.bram, { messageId: id })).toMatchObject({
      state: 'approved',
      attempts: 2,
      error: 'Error: publisher unavailable: the build directory is not writable',
    });
    expect(await publishMessage(bed.deps, bed.users.bram, { messageId: id })).toMatchObject({ state: 'published' });
    expect(bed.statusPage.calls).toHaveLength(1);
    expect(readIncidentFile(bed.contentDir, INCIDENT.id)!.updates).toHaveLength(3);
    expect(bed.publisher.requests).toHaveLength(1);
    // Publishing again is harmless and changes nothing.
    expect(await publishMessage(bed.deps, bed.users.bram, { messageId: id })).toMatchObject({ state: 'published' });
    expect(bed.publisher.requests).toHaveLength(1);
  });

  it('refuses to publish what was never approved', async () => {
    const id = submitted();
    await expect(publishMessage(bed.deps, bed.users.bram, { messageId: id })).rejects.toThrow(PublishNotAllowedError);
    expect(bed.statusPage.calls).toEqual([]);
  });
});

describe('the approval transaction', () => {
  it('commits nothing when the outbox refuses: no approval, no audit entry, no queued rows', async () => {
    const id = submitted();
    // A stray outbox entry under the same id makes the real outbox refuse the message.
    bed.db
      .prepare("INSERT INTO outbox_messages (id, thread_key, kind, drill, state, created_at, expires_at) VALUES (?, 'x', 'announcement', 0, 'cancelled', '2026-11-27T08:00:00Z', '2026-11-27T14:00:00Z')")
      .run(id);
    await expect(approveMessage(bed.deps, bed.users.bram, { messageId: id })).rejects.toThrow(/is already in the outbox/);
    expect(requireMessage(bed.db, id)).toMatchObject({ state: 'submitted', approval: null });
    expect(countDeliveries(bed.db, id)).toBe(0);
    expect(auditTrail(bed.db, id).map(([action]) => action)).toEqual(['message_drafted', 'message_submitted']);
    expect(verifyAuditChain(bed.db)).toMatchObject({ ok: true });

    bed.db.prepare('DELETE FROM outbox_messages WHERE id = ?').run(id);
    await expect(approveMessage(bed.deps, bed.users.bram, { messageId: id })).resolves.toMatchObject({ recipients: 3 });
  });

  it('writes each audit entry in the same transaction as its change', async () => {
    const id = submitted();
    // Make the audit insert itself fail: the approval must roll back with it.
    bed.db.exec(`CREATE TRIGGER test_audit_refuses_approved BEFORE INSERT ON audit_log WHEN NEW.action = 'message_approved'
      BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END`);
    await expect(approveMessage(bed.deps, bed.users.bram, { messageId: id })).rejects.toThrow(/audit log unavailable/);
    expect(requireMessage(bed.db, id)).toMatchObject({ state: 'submitted', approval: null });
    expect(countDeliveries(bed.db, id)).toBe(0);
    bed.db.exec('DROP TRIGGER test_audit_refuses_approved');
  });
});

describe('overdue next updates', () => {
  it('lists incidents whose last approved message promised an update that has not come', async () => {
    const { deps, users, clock } = bed;
    const first = submitted({ next_update_at: '2026-11-27T09:30:00Z' });
    await approveMessage(deps, users.bram, { messageId: first });
    // A later draft promises nothing to anyone yet.
    createDraft(deps, users.anouk, incidentUpdateDraft({ next_update_at: '2026-11-27T12:00:00Z' }));
    // A drill promise is listed only among drills.
    const drill = submitted({ drill: true, subject: DRILL_INCIDENT, components: { 'registra-brp': 'major_outage' }, next_update_at: '2026-11-27T09:00:00Z' });
    await approveMessage(deps, users.bram, { messageId: drill });

    clock.set('2026-11-27T09:30:00Z');
    expect(listOverdueUpdates(deps, { drill: false })).toEqual([]);

    clock.set('2026-11-27T09:47:30Z');
    expect(listOverdueUpdates(deps, { drill: false })).toEqual([
      { subject: { kind: 'incident', id: '2026-11-27-registra-brp-landelijke-storing' }, messageId: first, promisedAt: new Date('2026-11-27T09:30:00Z'), minutesOverdue: 17 },
    ]);
    expect(listOverdueUpdates(deps, { drill: true }).map((overdue) => [overdue.subject.id, overdue.minutesOverdue])).toEqual([
      [DRILL_INCIDENT.id, 47],
    ]);
    expect(listOverdueUpdates(deps, { drill: false, isOpen: () => false })).toEqual([]);

    // The promised update arrives: approved with a new promise, nothing is overdue any more.
    const second = submitted({ next_update_at: '2026-11-27T10:30:00Z' });
    await approveMessage(deps, users.bram, { messageId: second });
    expect(listOverdueUpdates(deps, { drill: false })).toEqual([]);

    // Resolved: no promise, never overdue.
    const resolution = createDraft(deps, users.anouk, resolutionDraft());
    submitMessage(deps, users.anouk, { messageId: resolution.id });
    const resolved = resolution.id;
    await approveMessage(deps, users.bram, { messageId: resolved });
    clock.set('2026-11-28T09:00:00Z');
    expect(listOverdueUpdates(deps, { drill: false })).toEqual([]);
  });
});

describe('retrying publications', () => {
  it('finishes every approved message whose publication failed, as the system, and leaves the rest alone', async () => {
    const failed = submitted();
    bed.publisher.failuresLeft = 1;
    await approveMessage(bed.deps, bed.users.bram, { messageId: failed });
    const fine = submitted();
    await approveMessage(bed.deps, bed.users.bram, { messageId: fine });
    const pending = submitted();

    const results = await retryPublications(bed.deps);
    expect(results).toEqual([{ messageId: failed, result: { state: 'published', publishedAt: new Date('2026-11-27T08:50:00Z') } }]);
    expect(requireMessage(bed.db, pending).state).toBe('submitted');
    expect(auditTrail(bed.db, failed).at(-1)).toEqual(['message_published', 'system', 'published']);
    expect(await retryPublications(bed.deps)).toEqual([]);
  });
});

describe('the site publisher adapter', () => {
  it('rebuilds the public site for live messages and only the drill preview for drills', () => {
    const live: string[] = [];
    const preview: string[] = [];
    const record = (into: string[]) => ({ requestPublish: async (reason: string) => (into.push(reason), { status: 'pending' as const, requestId: into.length, run: null }) });
    const publisher = createSitePublisher({ live: record(live), drillPreview: record(preview) });
    publisher.requestPublish({ reason: 'message msg-1 approved', drill: false });
    publisher.requestPublish({ reason: 'message msg-2 approved', drill: true });
    expect(live).toEqual(['message msg-1 approved']);
    expect(preview).toEqual(['message msg-2 approved']);
    // Without a drill preview a drill publishes nothing at all.
    createSitePublisher({ live: record(live) }).requestPublish({ reason: 'message msg-3 approved', drill: true });
    expect(live).toEqual(['message msg-1 approved']);
  });
});
