import { readFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import type { SQLInputValue } from 'node:sqlite';
import type { Database } from '../store/database.ts';
import { captureRoot, type CaptureReason } from './capture-transport.ts';

/** A message in the local mailbox (or a drill's capture), as the admin lists it. */
export interface CapturedMailSummary {
  id: number;
  deliveryId: number | null;
  outboxMessageId: string | null;
  drill: boolean;
  reason: CaptureReason;
  messageIdHeader: string;
  sender: string;
  recipient: string;
  subject: string;
  size: number;
  capturedAt: Date;
}

export interface CapturedMail extends CapturedMailSummary {
  html: string;
  text: string;
  /** Path of the .eml file relative to <dataDir>/mail/. */
  file: string;
}

interface Row {
  id: number;
  delivery_id: number | null;
  outbox_message_id: string | null;
  drill: number;
  reason: CaptureReason;
  message_id_header: string;
  sender: string;
  recipient: string;
  subject: string;
  size: number;
  captured_at: string;
  html?: string;
  text?: string;
  file?: string;
}

function summary(row: Row): CapturedMailSummary {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    outboxMessageId: row.outbox_message_id,
    drill: row.drill === 1,
    reason: row.reason,
    messageIdHeader: row.message_id_header,
    sender: row.sender,
    recipient: row.recipient,
    subject: row.subject,
    size: row.size,
    capturedAt: new Date(row.captured_at),
  };
}

/** Newest first. Filter by message (a drill's "sent" mail, per recipient) and by drill flag. */
export function listCapturedMail(
  db: Database,
  filter: { outboxMessageId?: string; drill?: boolean; recipient?: string; limit?: number; offset?: number } = {},
): CapturedMailSummary[] {
  const where: string[] = [];
  const params: SQLInputValue[] = [];
  if (filter.outboxMessageId !== undefined) {
    where.push('outbox_message_id = ?');
    params.push(filter.outboxMessageId);
  }
  if (filter.drill !== undefined) {
    where.push('drill = ?');
    params.push(filter.drill ? 1 : 0);
  }
  if (filter.recipient !== undefined) {
    where.push('recipient = ? COLLATE NOCASE');
    params.push(filter.recipient);
  }
  const rows = db
    .prepare(
      `SELECT id, delivery_id, outbox_message_id, drill, reason, message_id_header, sender, recipient, subject, size, captured_at
         FROM captured_mail ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY captured_at DESC, id DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, filter.limit ?? 100, filter.offset ?? 0) as unknown as Row[];
  return rows.map(summary);
}

/** One captured message with its HTML and text, or null. */
export function readCapturedMail(db: Database, id: number): CapturedMail | null {
  const row = db.prepare('SELECT * FROM captured_mail WHERE id = ?').get(id) as unknown as Row | undefined;
  if (!row) return null;
  return { ...summary(row), html: row.html ?? '', text: row.text ?? '', file: row.file ?? '' };
}

/** The exact .eml bytes, for "download". */
export function readCapturedMailFile(db: Database, dataDir: string, id: number): Buffer | null {
  const mail = readCapturedMail(db, id);
  if (!mail) return null;
  const root = captureRoot(dataDir);
  const path = normalize(join(root, mail.file));
  // The index is ours, but a path outside the mailbox folder is never served.
  if (!path.startsWith(normalize(root) + sep)) throw new Error(`captured mail ${id} points outside ${root}`);
  return readFileSync(path);
}
