import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/store/database.ts';
import { countDeliveries, enqueueMessage, listDeliveries } from '../../../src/store/outbox-repository.ts';
import { createTestStore, renderings, type TestStore } from './helpers/fixture.ts';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.ts';

const RECIPIENTS = 5_000;
const POOL = 5;
const CHILD = join(import.meta.dirname, 'helpers', 'dispatch-child.ts');

let store: TestStore;
let sink: SmtpSink;

beforeEach(async () => {
  store = createTestStore();
  sink = await startSmtpSink();
});
afterEach(async () => {
  await sink.close();
  store.close();
});

function runChild(dbFile: string): { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> } {
  const child = spawn(process.execPath, [CHILD, dbFile, sink.url, String(POOL)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, output })),
  );
  return { child, exited };
}

describe('a dispatcher killed mid-run', () => {
  it('after SIGKILL and a restart, every recipient got the message exactly once or is unknown (at most the pool size)', async () => {
    const dbFile = store.file;
    enqueueMessage(store.db, {
      messageId: 'msg-landelijke-storing',
      threadKey: 'storing-registra-brp-landelijk',
      drill: false,
      approvedAt: new Date(),
      renderings: renderings('Landelijke storing Registra BRP'),
      recipients: Array.from({ length: RECIPIENTS }, (_, index) => ({
        contactId: null,
        address: `servicedesk${index}@gemeente${index % 342}.example.nl`,
        lang: index % 10 === 0 ? ('en' as const) : ('nl' as const),
      })),
    });
    store.db.close();

    const first = runChild(dbFile);
    const killAt = 1_500 + Math.floor(Math.random() * 1_000);
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (sink.received.length >= killAt) {
          clearInterval(timer);
          first.child.kill('SIGKILL');
          resolve();
        }
      }, 2);
      void first.exited.then((result) => {
        clearInterval(timer);
        if (result.signal !== 'SIGKILL') reject(new Error(`the first dispatcher ended before it was killed: ${result.output}`));
      });
    });
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');
    const receivedAtKill = sink.received.length;
    expect(receivedAtKill).toBeLessThan(RECIPIENTS);

    const second = runChild(dbFile);
    const finished = await second.exited;
    expect(finished.code, finished.output).toBe(0);
    const recovered = JSON.parse(finished.output.split('\n')[0]!) as { recovered: number };
    expect(recovered.recovered).toBeLessThanOrEqual(POOL);

    const db = openDatabase(dbFile);
    try {
      const counts = countDeliveries(db, 'msg-landelijke-storing');
      const perRecipient = new Map<string, number>();
      for (const message of sink.received) perRecipient.set(message.envelopeTo[0]!, (perRecipient.get(message.envelopeTo[0]!) ?? 0) + 1);
      const messageIds = sink.received.map((message) => message.messageId);

      expect(new Set(messageIds).size).toBe(messageIds.length);
      expect(counts.sent + counts.unknown).toBe(RECIPIENTS);
      expect(counts.unknown).toBeLessThanOrEqual(POOL);
      for (const delivery of listDeliveries(db, 'msg-landelijke-storing', { limit: RECIPIENTS })) {
        const received = perRecipient.get(delivery.recipient) ?? 0;
        if (delivery.status === 'sent') expect(received, delivery.recipient).toBe(1);
        else expect(received, delivery.recipient).toBeLessThanOrEqual(1);
      }
      console.info(`crash test: killed after ${receivedAtKill} received; ${counts.unknown} unknown after restart; ${sink.received.length} received in total`);
    } finally {
      db.close();
    }
  }, 180_000);
});
