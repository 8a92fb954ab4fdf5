import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveMessage } from '../../../src/admin/messages/approve-message.ts';
import { createDraft } from '../../../src/admin/messages/create-draft.ts';
import type { MessageDeps } from '../../../src/admin/messages/ports.ts';
import { submitMessage } from '../../../src/admin/messages/submit-message.ts';
import { ApproveNotAllowedError } from '../../../src/domain/message-lifecycle.ts';
import { verifyAuditChain } from '../../../src/store/audit-log.ts';
import { openDatabase, transaction, type Database } from '../../../src/store/database.ts';
import { insertApproval, requireMessage } from '../../../src/store/messages-repository.ts';
import { incidentUpdateDraft, openTestbed, type MessagesTestbed } from './support.ts';

let bed: MessagesTestbed;
let second: Database | null = null;
beforeEach(() => {
  bed = openTestbed();
});
afterEach(() => {
  second?.close();
  second = null;
  bed.close();
});

function submittedMessages(count: number): string[] {
  return Array.from({ length: count }, () => {
    const draft = createDraft(bed.deps, bed.users.anouk, incidentUpdateDraft());
    submitMessage(bed.deps, bed.users.anouk, { messageId: draft.id });
    return draft.id;
  });
}

function countRows(db: Database, sql: string, ...params: string[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n;
}

describe('two approvers at once', () => {
  it('gives one approval through two connections to the same file; the second sees it is already approved', async () => {
    const [id] = submittedMessages(1) as [string];
    second = openDatabase(bed.file);
    const secondDeps: MessageDeps = { ...bed.deps, db: second };
    await approveMessage(bed.deps, bed.users.bram, { messageId: id });
    await expect(approveMessage(secondDeps, bed.users.dewi, { messageId: id })).rejects.toThrow(ApproveNotAllowedError);
    await expect(approveMessage(secondDeps, bed.users.dewi, { messageId: id })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[ApproveNotAllowedError: cannot approve a published message: it is already approved]`,
    );
    expect(countRows(second, 'SELECT count(*) AS n FROM message_approvals WHERE message_id = ?', id)).toBe(1);
    expect(bed.outboxRows(id)).toHaveLength(3);
  });

  it('refuses a stale compare-and-set: a writer that read "submitted" before the other committed changes nothing', () => {
    const [id] = submittedMessages(1) as [string];
    second = openDatabase(bed.file);
    const staleRead = requireMessage(second, id);
    transaction(bed.db, () =>
      insertApproval(bed.db, { messageId: id, expectedRevision: staleRead.revision, approverId: bed.users.bram.userId, authorId: bed.users.anouk.userId, hash: staleRead.submission!.hash, at: bed.clock.now() }),
    );
    // The second connection acts on what it read earlier: the database refuses a second approval row.
    expect(() =>
      transaction(second!, () =>
        insertApproval(second!, { messageId: id, expectedRevision: staleRead.revision, approverId: bed.users.dewi.userId, authorId: bed.users.anouk.userId, hash: staleRead.submission!.hash, at: bed.clock.now() }),
      ),
    ).toThrow(/only a submitted message can be approved|UNIQUE constraint failed/);
    expect(requireMessage(bed.db, id).approval?.approverId).toBe(bed.users.bram.userId);
  });

  it('gives exactly one approval per message when two processes race to approve the same twelve messages', async () => {
    const ids = submittedMessages(12);
    bed.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const script = fileURLToPath(new URL('./approve-in-child.ts', import.meta.url));
    const children = [bed.users.bram, bed.users.dewi].map((approver) =>
      spawn(process.execPath, [script, bed.dir, String(approver.userId), approver.name, ids.join(',')], { stdio: ['pipe', 'pipe', 'pipe'] }),
    );
    const outputs = children.map(collect);
    await Promise.all(outputs.map((output) => output.ready));
    for (const child of children) child.stdin.write('go\n');
    const results = await Promise.all(outputs.map((output) => output.done));

    const outcomes = results.flat();
    expect(outcomes).toHaveLength(24);
    for (const id of ids) {
      const forMessage = outcomes.filter((outcome) => outcome.messageId === id).map((outcome) => outcome.outcome).sort();
      expect(forMessage, id).toEqual(['ApproveNotAllowedError', 'approved']);
      expect(countRows(bed.db, 'SELECT count(*) AS n FROM message_approvals WHERE message_id = ?', id)).toBe(1);
      expect(countRows(bed.db, "SELECT count(*) AS n FROM audit_log WHERE action = 'message_approved' AND subject_id = ?", id)).toBe(1);
      expect(bed.outboxRows(id)).toHaveLength(3);
      expect(requireMessage(bed.db, id).state).toBe('published');
    }
    expect(verifyAuditChain(bed.db)).toMatchObject({ ok: true });
    // Which process wins each message varies from run to run (observed splits 5/7, 10/2, 11/1); the total never does.
    const approvedBy = results.map((list) => list.filter((outcome) => outcome.outcome === 'approved').length);
    expect(approvedBy.reduce((a, b) => a + b, 0)).toBe(12);
  });
});

interface ChildOutcome {
  messageId: string;
  outcome: string;
  code?: string;
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
