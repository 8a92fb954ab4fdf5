// Runs one dispatcher against a database file until nothing is due, as a separate process, so a
// test can kill it with SIGKILL mid-run. Usage: node dispatch-child.ts <db-file> <smtp-url> <pool-size>
import { startDispatcher } from '../../../../src/mail/dispatcher.ts';
import { createSmtpTransport } from '../../../../src/mail/smtp-transport.ts';
import { openDatabase } from '../../../../src/store/database.ts';
import { mailConfig, smtpSettings } from './fixture.ts';

const [file, url, pool] = process.argv.slice(2);
if (!file || !url || !pool) throw new Error('usage: dispatch-child.ts <db-file> <smtp-url> <pool-size>');
const db = openDatabase(file);
const transport = createSmtpTransport(smtpSettings(url, Number(pool)));
const dispatcher = startDispatcher({ db, transport, config: mailConfig({ concurrency: Number(pool) }), autoRun: false });
process.stdout.write(`${JSON.stringify({ started: true, recovered: dispatcher.recovered })}\n`);
await dispatcher.drain();
await dispatcher.stop();
await transport.close();
db.close();
process.stdout.write(`${JSON.stringify({ done: true })}\n`);
