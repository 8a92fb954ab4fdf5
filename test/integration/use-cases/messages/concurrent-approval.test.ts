import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HelderApp } from '../../../../src/composition/helder-app.ts';
import { ApproveNotAllowedError } from '../../../../src/domain/message-lifecycle.ts';
import { verifyAuditChain } from '../../../../src/store/audit-log.ts';
import { openDatabase, transaction, type Database } from '../../../../src/store/database.ts';
import { insertApproval, requireMessage } from '../../../../src/store/messages-repository.ts';
import { openIncident } from '../../../../src/use-cases/incidents/open-incident.ts';
import { approveMessage } from '../../../../src/use-cases/messages/approve-message.ts';
import { createDraft } from '../../../../src/use-cases/messages/create-draft.ts';
import { submitMessage } from '../../../../src/use-cases/messages/submit-message.ts';
import { MESSAGES_FIXTURE, incidentUpdateDraft } from '../../../support/builders.ts';
import { readRefusal, refusalOf } from '../../../support/refusals.ts';
import { createTestApp, openHelderApp, outboxRows, type TestApp } from '../../../support/test-app.ts';

let t: TestApp;
/** A second instance on the same installation (a second server process would be the same). */
let secondApp: HelderApp | null = null;
let second: Database | null = null;
beforeEach(async () => {
  t = await createTestApp(MESSAGES_FIXTURE);
});
afterEach(async () => {
  second?.close();
  second = null;
  await secondApp?.close();
  secondApp = null;
  await t.close();
});

/** Submitted updates on the national incident, or each on an incident of its own. */
function submittedMessages(count: number, options: { ownIncidents?: boolean } = {}): string[] {
  return Array.from({ length: count }, () => {
    const subject = options.ownIncidents
      ? {
          kind: 'incident' as const,
          id: openIncident(t.ctx, t.people.anouk, {
            title: 'Registra BRP niet bereikbaar',
            impact: 'major',
            components: { 'registra-brp': 'major_outage' },
            scope: 'all',
            body: 'Medewerkers kunnen niet inloggen in Registra BRP. We onderzoeken de oorzaak.',
          }).id,
        }
      : undefined;
    const draft = createDraft(t.ctx, t.people.anouk, incidentUpdateDraft(subject ? { subject } : {}));
    submitMessage(t.ctx, t.people.anouk, { messageId: draft.id });
    return draft.id;
  });
}

function countRows(db: Database, sql: string, ...params: string[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n;
}

describe('two approvers at once', () => {
  it('gives one approval through two connections to the same file; the second sees it is already approved', async () => {
    const [id] = submittedMessages(1) as [string];
    secondApp = openHelderApp(t.root, t.env, { clock: t.clock });
    await approveMessage(t.ctx, t.people.bram, { messageId: id });
    await expect(approveMessage(secondApp.context, t.people.dewi, { messageId: id })).rejects.toThrow(ApproveNotAllowedError);
    const refusal = await refusalOf(() => approveMessage(secondApp!.context, t.people.dewi, { messageId: id }));
    expect(refusal).toMatchObject({ code: 'transition_not_allowed', params: { action: 'approve', state: 'published' } });
    expect(readRefusal(refusal, 'nl').text).toMatchInlineSnapshot(`"Dit bericht kan niet (meer) worden goedgekeurd."`);
    expect(countRows(secondApp.context.db, 'SELECT count(*) AS n FROM message_approvals WHERE message_id = ?', id)).toBe(1);
    expect(outboxRows(t.db, id)).toHaveLength(3);
  });

  it('refuses a stale compare-and-set: a writer that read "submitted" before the other committed changes nothing', () => {
    const [id] = submittedMessages(1) as [string];
    second = openDatabase(t.config.databaseFile);
    const staleRead = requireMessage(second, id);
    transaction(t.db, () =>
      insertApproval(t.db, { messageId: id, expectedRevision: staleRead.revision, approverId: t.people.bram.userId, authorId: t.people.anouk.userId, hash: staleRead.submission!.hash, at: t.clock.now() }),
    );
    // The second connection acts on what it read earlier: the database refuses a second approval row.
    expect(() =>
      transaction(second!, () =>
        insertApproval(second!, { messageId: id, expectedRevision: staleRead.revision, approverId: t.people.dewi.userId, authorId: t.people.anouk.userId, hash: staleRead.submission!.hash, at: t.clock.now() }),
      ),
    ).toThrow(/only a submitted message can be approved|UNIQUE constraint failed/);
    expect(requireMessage(t.db, id).approval?.approverId).toBe(t.people.bram.userId);
  });

  it('gives exactly one approval per message when two processes race to approve the same twelve messages', async () => {
    // Each on an incident of its own: the race is about approval, not about the order of one incident's timeline.
    const ids = submittedMessages(12, { ownIncidents: true });
    t.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    t.clock.advance(60_000);
    const script = fileURLToPath(new URL('./approve-in-child.ts', import.meta.url));
    const children = [t.people.bram, t.people.dewi].map((approver) =>
      spawn(process.execPath, [script, t.root, JSON.stringify(t.env), t.clock.now().toISOString(), String(approver.userId), approver.name, ids.join(',')], {
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    );
    const outputs = children.map(collect);
    await Promise.all(outputs.map((output) => output.ready));
    for (const child of children) child.stdin.write('go\n');
    const results = await Promise.all(outputs.map((output) => output.done));

    const outcomes = results.flat();
    expect(outcomes).toHaveLength(24);
    for (const id of ids) {
      const forMessage = outcomes.filter((outcome) => outcome.messageId === id).map((outcome) => outcome.outcome).sort();
      expect(forMessage, id).toEqual(['approved', 'transition_not_allowed:approve']);
      expect(countRows(t.db, 'SELECT count(*) AS n FROM message_approvals WHERE message_id = ?', id)).toBe(1);
      expect(countRows(t.db, "SELECT count(*) AS n FROM audit_log WHERE action = 'message_approved' AND subject_id = ?", id)).toBe(1);
      expect(outboxRows(t.db, id)).toHaveLength(3);
      expect(requireMessage(t.db, id).state).toBe('published');
    }
    expect(verifyAuditChain(t.db)).toMatchObject({ ok: true });
    // Which process wins each message varies from run to run (observed splits 5/7, 10/2, 11/1); the total never does.
    const approvedBy = results.map((list) => list.filter((outcome) => outcome.outcome === 'approved').length);
    expect(approvedBy.reduce((a, b) => a + b, 0)).toBe(12);
  });
});

interface ChildOutcome {
  messageId: string;
  outcome: string;
}

function collect(child: ChildProcessWithoutNullStreams): { ready: Promise<void>; done: Promise<ChildOutcome[]> } {
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    if (stdout.startsWith('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const done = new Promise<ChildOutcome[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      markReady();
      if (code !== 0) {
        reject(new Error(`approve-in-child exited with ${code}: ${stderr}`));
        return;
      }
      resolve(
        stdout
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as ChildOutcome),
      );
    });
  });
  return { ready, done };
}
