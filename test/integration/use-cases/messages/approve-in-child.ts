/**
 * A second process for the concurrent-approval test: opens the same installation as the test
 * (its directory and configuration) through the composition root, as a second server would, says
 * "ready", waits for "go" on stdin, then tries to approve every message id it was given, as fast as
 * it can. Prints one JSON line per message: "approved", or the refusal's code and action.
 */
import { createInterface } from 'node:readline';
import { Refusal } from '../../../../src/domain/refusal.ts';
import { approveMessage } from '../../../../src/use-cases/messages/approve-message.ts';
import { openHelderApp, runningClock } from '../../../support/test-app.ts';

const [root, env, start, userId, name, ids] = process.argv.slice(2);
if (!root || !env || !start || !userId || !name || !ids) {
  throw new Error('usage: approve-in-child.ts <installation dir> <environment as JSON> <clock start> <approver user id> <approver name> <id,id,…>');
}

// The test's fake time, running on: approvals stay ordered across both processes.
const app = openHelderApp(root, JSON.parse(env) as Record<string, string>, { clock: runningClock(new Date(start)) });
const actor = { userId: Number(userId), name, roles: ['approver'] as const };

process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() !== 'go') continue;
  for (const messageId of ids.split(',')) {
    try {
      await approveMessage(app.context, actor, { messageId });
      process.stdout.write(`${JSON.stringify({ messageId, outcome: 'approved' })}\n`);
    } catch (error) {
      const outcome = Refusal.is(error) ? `${error.code}:${String(error.params.action)}` : `${(error as Error).name}: ${(error as Error).message}`;
      process.stdout.write(`${JSON.stringify({ messageId, outcome })}\n`);
    }
  }
  break;
}
lines.close();
await app.close();
