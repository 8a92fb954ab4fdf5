/**
 * A second process for the concurrent-approval test: opens the testbed's SQLite file and content, says "ready",
 * waits for "go" on stdin, then tries to approve every message id it was given, as fast as it can.
 * Prints one JSON line per message: the outcome (approved or the error's name and code).
 */
import { createInterface } from 'node:readline';
import { approveMessage } from '../../../src/admin/messages/approve-message.ts';
import { join } from 'node:path';
import { systemClock } from '../../../src/auth/clock.ts';
import { openDatabase } from '../../../src/store/database.ts';
import { buildDeps } from './support.ts';

const [dir, userId, name, ids] = process.argv.slice(2);
if (!dir || !userId || !name || !ids) throw new Error('usage: approve-in-child.ts <testbed dir> <approver user id> <approver name> <id,id,…>');

const db = openDatabase(join(dir, 'data', 'helder.sqlite'));
const { deps } = buildDeps(db, dir, systemClock);
const actor = { userId: Number(userId), name, roles: ['approver'] as const };

process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() !== 'go') continue;
  for (const messageId of ids.split(',')) {
    try {
      await approveMessage(deps, actor, { messageId });
      process.stdout.write(`${JSON.stringify({ messageId, outcome: 'approved' })}\n`);
    } catch (error) {
      const { name: errorName, code } = error as { name: string; code?: string };
      process.stdout.write(`${JSON.stringify({ messageId, outcome: errorName, code })}\n`);
    }
  }
  break;
}
lines.close();
db.close();
