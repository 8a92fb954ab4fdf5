import { mkdirSync, renameSync, writeFileSync, accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../domain/clock.ts';
import type { Database } from '../store/database.ts';
import type { MailTransport, OutgoingMail, SendResult } from './mail-transport.ts';

/** Why a capture keeps mail instead of sending it. */
export type CaptureReason = 'drill' | 'drill_mode' | 'no_smtp';

/**
 * Keeps each message as a real .eml file under <dataDir>/mail/ plus an index row, instead of
 * sending it: the local mailbox when there is no SMTP_URL, and every drill message. The bytes are
 * exactly what SMTP would have carried.
 */
export function createCaptureTransport(options: { db: Database; dataDir: string; reason: CaptureReason; clock: Clock }): MailTransport {
  const root = captureRoot(options.dataDir);
  const insert = options.db.prepare(
    `INSERT INTO captured_mail (delivery_id, outbox_message_id, drill, reason, message_id_header, sender, recipient, subject, html, text, file, size, captured_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let sequence = 0;
  return {
    name: `capture:${options.reason}`,
    async send(mail: OutgoingMail): Promise<SendResult> {
      const now = options.clock.now();
      const folder = join(mail.drill ? 'oefening' : 'lokaal', safeName(mail.outboxMessageId ?? 'los'));
      mkdirSync(join(root, folder), { recursive: true });
      sequence += 1;
      const name = `${now.toISOString().replace(/[:.]/g, '-')}-${process.pid}-${sequence}-${safeName(mail.envelope.to)}.eml`;
      const file = join(folder, name);
      const temporary = join(root, `${file}.tmp`);
      // Written aside and renamed: the mailbox never lists a half-written message.
      writeFileSync(temporary, mail.raw);
      renameSync(temporary, join(root, file));
      insert.run(
        mail.deliveryId,
        mail.outboxMessageId,
        mail.drill ? 1 : 0,
        options.reason,
        mail.messageId,
        mail.envelope.from,
        mail.envelope.to,
        mail.subject,
        mail.html,
        mail.text,
        file,
        mail.raw.length,
        now.toISOString(),
      );
      return { outcome: 'sent', reply: '250 vastgelegd in de lokale postbus', via: `capture:${options.reason}` };
    },
    async verify() {
      mkdirSync(root, { recursive: true });
      accessSync(root, constants.W_OK);
    },
    async close() {},
  };
}

export function captureRoot(dataDir: string): string {
  return join(dataDir, 'mail');
}

function safeName(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9@._-]+/g, '-').replace(/^[.-]+/, '').slice(0, 80) || 'x';
}
