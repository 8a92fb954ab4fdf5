// Benchmark: approved messages fanned out to Teams, Slack and webhook destinations through the
// real durable outbox (SQLite WAL) and the real channel sender, to loopback HTTP receivers in
// their own process. Then durability: a dispatcher in a child process is killed with SIGKILL
// mid-fan-out, a new one recovers, and every delivery must be sent exactly once or be 'unknown'
// (received at most once), none lost and none twice.
// Run: npx node bench/channels.ts [--destinations 100] [--messages 20] [--concurrency 20]
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChannelSender } from '../src/channels/create-channel-sender.ts';
import { webhookId } from '../src/channels/standard-webhooks.ts';
import type { ChannelContent, ChannelKind } from '../src/domain/channel.ts';
import { startDispatcher } from '../src/mail/dispatcher.ts';
import { createMailTransport } from '../src/mail/create-mail-transport.ts';
import { systemClock } from '../src/domain/clock.ts';
import { insertChannelDestination } from '../src/store/channels-repository.ts';
import { openDatabase, type Database } from '../src/store/database.ts';
import { countDeliveries, enqueueMessage } from '../src/store/outbox-repository.ts';

const flag = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const CONCURRENCY = flag('concurrency', 20);

if (process.argv.includes('--receiver')) {
  // The receivers: answer 200 at once, count requests and every webhook-id seen, report on request.
  let requests = 0;
  const webhookIds = new Map<string, number>();
  const server = createServer({ keepAliveTimeout: 30_000 }, (request, response) => {
    request.resume();
    request.on('end', () => {
      requests += 1;
      const id = request.headers['webhook-id'];
      if (typeof id === 'string') webhookIds.set(id, (webhookIds.get(id) ?? 0) + 1);
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('1');
    });
  });
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as { port: number }).port }));
  process.on('message', () => process.send!({ requests, webhookIds: [...webhookIds], cpuMicros: process.cpuUsage().user + process.cpuUsage().system }));
} else if (process.argv.includes('--dispatch')) {
  // A dispatcher in its own process, draining until the parent kills it.
  const db = openDatabase(process.argv[process.argv.indexOf('--dispatch') + 1]!);
  const dispatcher = dispatcherOver(db, mkdtempSync(join(tmpdir(), 'helder-bench-child-')));
  process.send!({ started: true });
  await dispatcher.drain();
  process.send!({ done: true });
} else {
  await main();
}

function dispatcherOver(db: Database, dataDir: string) {
  const transport = createMailTransport({ smtp: null, dataDir, drillMode: false }, { db, clock: systemClock });
  return startDispatcher({
    db,
    transport,
    channels: createChannelSender({ db, timeoutMs: 10_000 }),
    config: { from: { name: 'Storingsdienst Leverancier', address: 'storingen@leverancier.example.nl' }, replyTo: null, dkim: null, serverUrl: 'https://status.leverancier.example.nl', concurrency: CONCURRENCY, unknownPolicy: 'hold' },
    autoRun: false,
  });
}

async function main(): Promise<void> {
  const destinationCount = flag('destinations', 100);
  const messageCount = flag('messages', 20);
  const receiver = fork(new URL(import.meta.url).pathname, ['--receiver'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => receiver.once('message', (message: { port: number }) => resolve(message.port)));
  const report = () => new Promise<{ requests: number; webhookIds: Array<[string, number]>; cpuMicros: number }>((resolve) => {
    receiver.once('message', resolve);
    receiver.send('report');
  });
  const dir = mkdtempSync(join(tmpdir(), 'helder-bench-'));

  // Phase 1: throughput, a mix of Teams, Slack and webhook destinations.
  const db = openDatabase(join(dir, 'helder.db'));
  const kinds: ChannelKind[] = ['teams', 'slack', 'webhook'];
  const destinations = Array.from({ length: destinationCount }, (_, index) => {
    const kind = kinds[index % 3]!;
    const id = insertChannelDestination(db, { kind, name: `${kind} ${index}`, municipality: null, url: `http://127.0.0.1:${port}/${kind}/${index}`, secret: kind === 'webhook' ? `whsec_${Buffer.alloc(32, index).toString('base64')}` : null, at: new Date(), byName: 'bench' });
    return { id, name: `${kind} ${index}` };
  });
  const dispatcher = dispatcherOver(db, dir);
  enqueue(db, 'warm-up', destinations.slice(0, 30));
  await dispatcher.drain();
  const before = await report();
  const cpuBefore = process.cpuUsage();
  const enqueueStart = performance.now();
  for (let index = 0; index < messageCount; index++) enqueue(db, `bench-${index}`, destinations);
  const enqueueMs = performance.now() - enqueueStart;
  const sendStart = performance.now();
  await dispatcher.drain();
  const sendMs = performance.now() - sendStart;
  const cpu = process.cpuUsage(cpuBefore);
  const after = await report();
  let sent = 0;
  for (let index = 0; index < messageCount; index++) sent += countDeliveries(db, `bench-${index}`).sent;
  await dispatcher.stop();
  db.close();
  const deliveries = messageCount * destinationCount;

  // Phase 2: SIGKILL mid-fan-out (webhooks only: their webhook-id names the delivery at the receiver).
  const crashDb = openDatabase(join(dir, 'crash.db'));
  const hooks = Array.from({ length: destinationCount }, (_, index) => ({
    id: insertChannelDestination(crashDb, { kind: 'webhook', name: `webhook ${index}`, municipality: null, url: `http://127.0.0.1:${port}/crash/${index}`, secret: `whsec_${Buffer.alloc(32, index).toString('base64')}`, at: new Date(), byName: 'bench' }),
    name: `webhook ${index}`,
  }));
  for (let index = 0; index < messageCount; index++) enqueue(crashDb, `crash-${index}`, hooks);
  const child = fork(new URL(import.meta.url).pathname, ['--dispatch', join(dir, 'crash.db'), '--concurrency', String(CONCURRENCY)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise((resolve) => child.once('message', resolve));
  // Kill once about a third has gone out, while deliveries are in flight.
  const target = Math.floor(deliveries / 3);
  for (;;) {
    const row = crashDb.prepare("SELECT COUNT(*) AS n FROM outbox_deliveries WHERE status <> 'queued'").get() as { n: number };
    if (row.n >= target) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  const inFlightAtKill = (crashDb.prepare("SELECT COUNT(*) AS n FROM outbox_deliveries WHERE status = 'sending'").get() as { n: number }).n;
  const recovery = dispatcherOver(crashDb, dir);
  await recovery.drain();
  await recovery.stop();
  const received = new Map((await report()).webhookIds);
  const rows = crashDb.prepare("SELECT status, smtp_message_id FROM outbox_deliveries WHERE message_id LIKE 'crash-%'").all() as Array<{ status: string; smtp_message_id: string | null }>;
  const tally = { sent: 0, unknown: 0, other: 0, duplicates: 0, sentButNotReceived: 0, unknownReceived: 0 };
  for (const row of rows) {
    const times = row.smtp_message_id ? (received.get(webhookId(row.smtp_message_id)) ?? 0) : 0;
    if (times > 1) tally.duplicates += 1;
    if (row.status === 'sent') {
      tally.sent += 1;
      if (times !== 1) tally.sentButNotReceived += times === 0 ? 1 : 0;
    } else if (row.status === 'unknown') {
      tally.unknown += 1;
      if (times === 1) tally.unknownReceived += 1;
    } else tally.other += 1;
  }
  crashDb.close();
  receiver.kill();
  rmSync(dir, { recursive: true, force: true });

  const result = {
    destinations: destinationCount,
    messages: messageCount,
    concurrency: CONCURRENCY,
    deliveries,
    enqueueMs: Math.round(enqueueMs),
    sendMs: Math.round(sendMs),
    deliveriesPerSecond: Math.round((deliveries / sendMs) * 1000),
    sent,
    receiverRequests: after.requests - before.requests,
    dispatcherCpuMicrosPerDelivery: Math.round((cpu.user + cpu.system) / deliveries),
    receiverCpuMicrosPerDelivery: Math.round((after.cpuMicros - before.cpuMicros) / deliveries),
    loadAverage1m: Number((await import('node:os')).loadavg()[0]!.toFixed(1)),
    sigkill: { deliveries: rows.length, inFlightAtKill, ...tally },
    node: process.version,
  };
  console.log(JSON.stringify(result, null, 2));
  const ok =
    sent === deliveries &&
    result.receiverRequests === deliveries &&
    result.deliveriesPerSecond >= 200 &&
    tally.duplicates === 0 &&
    tally.other === 0 &&
    tally.sentButNotReceived === 0 &&
    tally.sent + tally.unknown === rows.length;
  console.log(ok ? 'targets met (>= 200 deliveries/s; after SIGKILL none twice, none lost beyond unknown)' : 'TARGETS NOT MET (>= 200 deliveries/s; after SIGKILL none twice, none lost beyond unknown)');
  process.exitCode = ok ? 0 : 1;
}

function enqueue(db: Database, messageId: string, destinations: ReadonlyArray<{ id: number; name: string }>): void {
  const approvedAt = new Date();
  const content: ChannelContent = {
    messageId,
    subject: { kind: 'incident', id: '2026-11-27-registra-brp-landelijke-storing' },
    title: 'Update: Registra BRP niet bereikbaar',
    body: 'De oorzaak is gevonden: een verlopen certificaat op de koppeling met de landelijke voorziening. Wij vervangen het certificaat en melden ons uiterlijk om 10:30 uur opnieuw.',
    status: 'identified',
    products: [
      { id: 'registra-brp', name: 'Registra BRP', status: 'major_outage' },
      { id: 'registra-reisdocumenten', name: 'Registra Reisdocumenten', status: 'partial_outage' },
    ],
    municipalities: [
      { id: 'GM0344', name: 'Utrecht' },
      { id: 'GM0363', name: 'Amsterdam' },
      { id: 'GM0599', name: 'Rotterdam' },
    ],
    meanwhile: 'Neem aanvragen voor reisdocumenten op met het papieren noodformulier.',
    nextUpdateAt: new Date(approvedAt.getTime() + 3_600_000).toISOString(),
    link: 'https://status.leverancier.example.nl/incidenten/2026-11-27-registra-brp-landelijke-storing/',
    approvedAt: approvedAt.toISOString(),
    drill: false,
    test: false,
  };
  enqueueMessage(db, {
    messageId,
    threadKey: 'incident:2026-11-27-registra-brp-landelijke-storing',
    drill: false,
    approvedAt,
    renderings: [{ lang: 'nl', subject: content.title, html: '<p>Update</p>', text: 'Update' }],
    recipients: [],
    channels: { content, destinations: [...destinations] },
  });
}
