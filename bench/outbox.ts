// Benchmark: recipients through the real durable outbox (SQLite WAL) to a local SMTP sink that
// runs in its own process (as a real relay would). Run: npx node bench/outbox.ts [--recipients 5000]
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { startDispatcher } from '../src/mail/dispatcher.ts';
import { createSmtpTransport } from '../src/mail/smtp-transport.ts';
import { openDatabase } from '../src/store/database.ts';
import { countDeliveries, enqueueMessage } from '../src/store/outbox-repository.ts';
import { UNSUBSCRIBE_PLACEHOLDER } from '../src/templates/unsubscribe-placeholder.ts';

if (process.argv.includes('--sink')) {
  // The sink: accepts everything, counts messages, reports its port to the parent.
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received += 1;
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.server.address() as { port: number }).port }));
  process.on('message', () => process.send!({ received, cpuMicros: process.cpuUsage().user + process.cpuUsage().system }));
} else {
  await main();
}

async function main(): Promise<void> {
  const flag = (name: string, fallback: number) => {
    const index = process.argv.indexOf(`--${name}`);
    return index > 0 ? Number(process.argv[index + 1]) : fallback;
  };
  const recipients = flag('recipients', 5_000);
  const announcement = flag('announcement', 1_000);
  const pool = flag('pool', 5);

  const sink = fork(new URL(import.meta.url).pathname, ['--sink'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => sink.once('message', (message: { port: number }) => resolve(message.port)));
  const dir = mkdtempSync(join(tmpdir(), 'helder-bench-'));
  const db = openDatabase(join(dir, 'helder.db'));
  const transport = createSmtpTransport({
    url: `smtp://127.0.0.1:${port}`,
    poolSize: pool,
    ratePerSecond: 0,
    requireTls: false,
    tlsRejectUnauthorized: true,
    timeoutsMs: { connection: 10_000, greeting: 10_000, socket: 60_000 },
  });
  const config = {
    from: { name: 'Storingsdienst Leverancier', address: 'storingen@leverancier.example.nl' },
    replyTo: null,
    dkim: null,
    serverUrl: 'https://status.leverancier.example.nl',
    concurrency: pool,
    unknownPolicy: 'hold' as const,
  };
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);

  const dispatcher = startDispatcher({ db, transport, config, autoRun: false });
  // Warm the pool's connections and the JIT, as a running server would be.
  enqueue(db, 'warm-up', 50);
  await dispatcher.drain();

  sink.send('count');
  const sinkCpuBefore = await new Promise<number>((resolve) => sink.once('message', (message: { cpuMicros: number }) => resolve(message.cpuMicros)));
  const cpuBefore = process.cpuUsage();
  const enqueueStart = performance.now();
  enqueue(db, 'bench-5000', recipients);
  const enqueueMs = performance.now() - enqueueStart;
  const sendStart = performance.now();
  await dispatcher.drain();
  const sendMs = performance.now() - sendStart;
  const cpu = process.cpuUsage(cpuBefore);
  sink.send('count');
  const sinkCpuAfter = await new Promise<number>((resolve) => sink.once('message', (message: { cpuMicros: number }) => resolve(message.cpuMicros)));
  const counts = countDeliveries(db, 'bench-5000');

  const announceStart = performance.now();
  enqueue(db, 'bench-announcement', announcement);
  await dispatcher.drain();
  const announceMs = performance.now() - announceStart;
  const announceCounts = countDeliveries(db, 'bench-announcement');

  clearInterval(sampler);
  await dispatcher.stop();
  await transport.close();
  sink.send('count');
  const received = await new Promise<number>((resolve) => sink.once('message', (message: { received: number }) => resolve(message.received)));
  sink.kill();
  db.close();
  rmSync(dir, { recursive: true, force: true });

  const result = {
    recipients,
    pool,
    enqueueMs: Math.round(enqueueMs),
    sendMs: Math.round(sendMs),
    messagesPerSecond: Math.round((recipients / sendMs) * 1000),
    sent: counts.sent,
    // CPU per message is independent of other load on the machine: 1e6 / it = msg/s one idle core allows.
    dispatcherCpuMicrosPerMessage: Math.round((cpu.user + cpu.system) / recipients),
    sinkCpuMicrosPerMessage: Math.round((sinkCpuAfter - sinkCpuBefore) / recipients),
    loadAverage1m: Number((await import('node:os')).loadavg()[0]!.toFixed(1)),
    announcementRecipients: announcement,
    announcementHandedOverMs: Math.round(announceMs),
    announcementSent: announceCounts.sent,
    sinkReceived: received,
    peakRssMb: Math.round(peakRss / 1024 / 1024),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    node: process.version,
  };
  console.log(JSON.stringify(result, null, 2));
  const ok = counts.sent === recipients && announceCounts.sent === announcement && result.messagesPerSecond >= 800 && announceMs <= 5_000;
  console.log(ok ? 'targets met (>= 800 msg/s, announcement <= 5 s)' : 'TARGETS NOT MET (>= 800 msg/s, announcement <= 5 s)');
  process.exitCode = ok ? 0 : 1;
}

function enqueue(db: ReturnType<typeof openDatabase>, id: string, count: number): void {
  const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Storing</title></head><body style="font-family:sans-serif;font-size:16px">${'<p style="margin:0 0 16px">Registra BRP is landelijk verstoord. Burgers kunnen geen verhuizing doorgeven en geen uittreksel aanvragen. Wij werken aan een oplossing en melden ons uiterlijk om 11:00 uur opnieuw.</p>'.repeat(12)}<p><a href="${UNSUBSCRIBE_PLACEHOLDER}">Afmelden</a></p></body></html>`;
  const text = `${'Registra BRP is landelijk verstoord. Burgers kunnen geen verhuizing doorgeven en geen uittreksel aanvragen. Wij werken aan een oplossing en melden ons uiterlijk om 11:00 uur opnieuw.\n\n'.repeat(6)}Afmelden: ${UNSUBSCRIBE_PLACEHOLDER}\n`;
  enqueueMessage(db, {
    messageId: id,
    threadKey: 'storing-registra-brp-landelijk',
    drill: false,
    approvedAt: new Date(),
    renderings: [{ lang: 'nl', subject: 'Landelijke storing Registra BRP', html, text }],
    recipients: Array.from({ length: count }, (_, index) => ({ contactId: null, address: `servicedesk${index}@gemeente${index % 342}.example.nl`, lang: 'nl' as const })),
  });
}
