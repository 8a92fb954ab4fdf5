import type { SQLInputValue, StatementSync } from 'node:sqlite';
import { z } from 'zod';
import { MailboxSchema } from '../domain/contact.ts';
import { Refusal } from '../domain/refusal.ts';
import { LANGUAGES, type Language } from '../domain/vocabulary.ts';
import { DELIVERY_STATUSES, RESENDABLE_STATUSES, type DeliveryStatus, type UnknownPolicy } from '../domain/delivery-status.ts';
import { appendAudit, SYSTEM_ACTOR, type AuditActor } from './audit-log.ts';
import { insertChannelContent } from './channels-repository.ts';
import { ChannelContentSchema } from '../domain/channel.ts';
import { transaction, type Database } from './database.ts';

/** A refused outbox operation; `code` for handlers and tests. */
export class OutboxError extends Error {
  readonly code: 'invalid_input' | 'already_enqueued' | 'message_not_found' | 'illegal_state';
  constructor(code: OutboxError['code'], message: string) {
    super(message);
    this.name = 'OutboxError';
    this.code = code;
  }
}

const RenderingSchema = z.object({
  lang: z.enum(LANGUAGES),
  subject: z.string().min(1, 'must not be empty').refine((value) => !/[\r\n]/.test(value), 'must not contain a line break'),
  html: z.string().min(1, 'must not be empty'),
  text: z.string().min(1, 'must not be empty'),
});

const RecipientSchema = z.object({
  /**
   * The contact whose unsubscribe link the message carries; "s<id>" for a self-service subscriber
   * (their manage and unsubscribe links); null for a test message to a user.
   */
  contactId: z.union([z.number().int().positive(), z.string().regex(/^s?[1-9]\d*$/, 'must be a contact id or "s" and a subscriber id')]).nullable(),
  address: MailboxSchema,
  lang: z.enum(LANGUAGES),
  /** Display name in the To header; looked up from the contact when absent. */
  name: z.string().optional(),
});

/**
 * What approval hands to the outbox (compatible with `ApprovedMessage` in src/use-cases/context.ts):
 * the frozen renderings, with the unsubscribe placeholder still in them, and the frozen audience.
 */
export const EnqueueMessageSchema = z
  .object({
    messageId: z.string().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
    /** Incident or maintenance id; messages with the same key thread together. */
    threadKey: z.string().min(1, 'must not be empty'),
    drill: z.boolean(),
    approvedAt: z.date(),
    kind: z.enum(['announcement', 'test']).default('announcement'),
    /** Undelivered copies expire this many minutes after approval (a stale outage notice is worse than none). */
    expiryMinutes: z.number().int().min(1).max(7 * 24 * 60).default(360),
    createdBy: z.string().min(1).default('system'),
    renderings: z.array(RenderingSchema).min(1, 'must contain at least the Dutch rendering'),
    recipients: z.array(RecipientSchema),
    /** Teams, Slack and webhook destinations: one delivery row each, sent from the frozen content. */
    channels: z
      .object({
        content: ChannelContentSchema,
        destinations: z.array(z.object({ id: z.number().int().positive(), name: z.string().min(1) })),
      })
      .optional(),
  })
  .superRefine((message, ctx) => {
    if (!message.renderings.some((rendering) => rendering.lang === 'nl')) {
      ctx.addIssue({ code: 'custom', path: ['renderings'], message: 'must contain a Dutch (nl) rendering: it is the fallback for every recipient' });
    }
    const seen = new Set<string>();
    message.recipients.forEach((recipient, index) => {
      const key = recipient.address.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['recipients', index, 'address'], message: `"${recipient.address}" is listed twice` });
      seen.add(key);
    });
  });
export type EnqueueMessageInput = z.input<typeof EnqueueMessageSchema>;

function statements(db: Database) {
  let cached = cache.get(db);
  if (!cached) {
    cached = {
      due: db.prepare(
        `SELECT d.id, d.message_id, d.contact_id, d.subscriber_id, d.channel_id, d.recipient, d.recipient_name, d.language, d.attempts, d.unknown_retried,
                m.thread_key, m.drill, m.kind, m.expires_at
           FROM outbox_deliveries d JOIN outbox_messages m ON m.id = d.message_id
          WHERE d.status IN ('queued', 'retrying') AND d.next_attempt_at <= ? AND m.state = 'active'
          ORDER BY d.next_attempt_at, d.id LIMIT ?`,
      ),
      claim: db.prepare(
        `UPDATE outbox_deliveries SET status = 'sending', attempts = attempts + 1, smtp_message_id = ?, claimed_by = ?, updated_at = ?
          WHERE id = ? AND status IN ('queued', 'retrying')`,
      ),
      expire: db.prepare(
        `UPDATE outbox_deliveries SET status = 'expired', next_attempt_at = NULL, last_reply = ?, updated_at = ?
          WHERE id = ? AND status IN ('queued', 'retrying')`,
      ),
      finish: db.prepare(
        `UPDATE outbox_deliveries
            SET status = ?, next_attempt_at = ?, last_reply = ?, last_error_code = ?, sent_at = COALESCE(?, sent_at),
                unknown_retried = ?, updated_at = ?
          WHERE id = ? AND status = 'sending' AND claimed_by = ?`,
      ),
      attempt: db.prepare(
        `INSERT INTO outbox_attempts (delivery_id, started_at, finished_at, transport, outcome, reply, error_code)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      thread: db.prepare(
        `SELECT d.smtp_message_id FROM outbox_deliveries d JOIN outbox_messages m ON m.id = d.message_id
          WHERE d.recipient = ? AND m.thread_key = ? AND m.drill = ? AND m.kind = 'announcement'
            AND d.status IN ('sent', 'unknown', 'sending') AND d.smtp_message_id IS NOT NULL AND d.id <> ?
            AND (m.created_at < ? OR (m.created_at = ? AND d.id < ?))
          ORDER BY m.created_at, d.id`,
      ),
    } satisfies Record<string, StatementSync>;
    cache.set(db, cached);
  }
  return cached;
}
const cache = new WeakMap<Database, Record<'due' | 'claim' | 'expire' | 'finish' | 'attempt' | 'thread', StatementSync>>();

/** Runs `work` in the caller's transaction when there is one, otherwise in a new one. */
function inTransaction<T>(db: Database, work: () => T): T {
  return db.isTransaction ? work() : transaction(db, work);
}

/**
 * Puts an approved message in the outbox: one delivery row per recipient, unique per
 * (message, address). Meant to run INSIDE the approval transaction (it joins it), so either the
 * approval and every delivery commit together or neither does.
 */
export function enqueueMessage(db: Database, input: EnqueueMessageInput, actor: AuditActor = SYSTEM_ACTOR): { messageId: string; deliveries: number } {
  const parsed = EnqueueMessageSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'message'}: ${issue.message}`);
    throw new OutboxError('invalid_input', `Cannot enqueue message: ${problems.join('; ')}`);
  }
  const message = parsed.data;
  return inTransaction(db, () => {
    if (db.prepare('SELECT 1 FROM outbox_messages WHERE id = ?').get(message.messageId)) {
      throw new OutboxError('already_enqueued', `Message "${message.messageId}" is already in the outbox`);
    }
    const at = message.approvedAt.toISOString();
    const expiresAt = new Date(message.approvedAt.getTime() + message.expiryMinutes * 60_000).toISOString();
    db.prepare(
      `INSERT INTO outbox_messages (id, thread_key, kind, drill, state, created_at, expires_at, created_by)
       VALUES (?, ?, ?, ?, 'active', ?, ?, ?)`,
    ).run(message.messageId, message.threadKey, message.kind, message.drill ? 1 : 0, at, expiresAt, message.createdBy);
    const insertRendering = db.prepare('INSERT INTO outbox_renderings (message_id, language, subject, html, text) VALUES (?, ?, ?, ?, ?)');
    for (const rendering of message.renderings) {
      insertRendering.run(message.messageId, rendering.lang, rendering.subject, rendering.html, rendering.text);
    }
    const languages = new Set(message.renderings.map((rendering) => rendering.lang));
    const contactName = db.prepare('SELECT name FROM contacts WHERE id = ?');
    const insertDelivery = db.prepare(
      `INSERT INTO outbox_deliveries (message_id, contact_id, subscriber_id, recipient, recipient_name, language, status, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
    );
    for (const recipient of message.recipients) {
      const subscriberId = typeof recipient.contactId === 'string' && recipient.contactId.startsWith('s') ? Number(recipient.contactId.slice(1)) : null;
      const contactId = recipient.contactId === null || subscriberId !== null ? null : Number(recipient.contactId);
      const name = recipient.name ?? (contactId === null ? '' : ((contactName.get(contactId) as { name: string } | undefined)?.name ?? ''));
      // A recipient whose language has no rendering gets the Dutch one: it is always there.
      const language: Language = languages.has(recipient.lang) ? recipient.lang : 'nl';
      insertDelivery.run(message.messageId, contactId, subscriberId, recipient.address, name, language, at, at, at);
    }
    const channels = message.channels?.destinations ?? [];
    if (message.channels && channels.length > 0) {
      insertChannelContent(db, message.messageId, message.channels.content);
      const insertChannel = db.prepare(
        `INSERT INTO outbox_deliveries (message_id, channel_id, recipient, recipient_name, language, status, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'nl', 'queued', ?, ?, ?)`,
      );
      for (const destination of channels) insertChannel.run(message.messageId, destination.id, channelRecipient(destination.id), destination.name, at, at, at);
    }
    appendAudit(db, {
      actor,
      action: 'delivery_queued',
      subject: { type: 'message', id: message.messageId },
      details: { recipients: message.recipients.length, channels: channels.length, kind: message.kind, expires_at: expiresAt },
      drill: message.drill,
      at: message.approvedAt,
    });
    return { messageId: message.messageId, deliveries: message.recipients.length + channels.length };
  });
}

/** The recipient column of a channel delivery: unique per message like an address, never shown. */
export function channelRecipient(channelId: number): string {
  return `channel:${channelId}`;
}

/** A delivery the dispatcher has claimed, with what it needs to send it. */
export interface ClaimedDelivery {
  id: number;
  outboxMessageId: string;
  contactId: number | null;
  /** Set for a self-service subscriber (then contactId is null). */
  subscriberId: number | null;
  /** Set for a Teams, Slack or webhook delivery (then the recipient is "channel:<id>"). */
  channelId: number | null;
  recipient: string;
  recipientName: string;
  language: Language;
  /** Including this one. */
  attempt: number;
  unknownRetried: boolean;
  threadKey: string;
  drill: boolean;
  kind: 'announcement' | 'test';
  expiresAt: Date;
  smtpMessageId: string;
}

interface DueRow {
  id: number;
  message_id: string;
  contact_id: number | null;
  subscriber_id: number | null;
  channel_id: number | null;
  recipient: string;
  recipient_name: string;
  language: Language;
  attempts: number;
  unknown_retried: number;
  thread_key: string;
  drill: number;
  kind: 'announcement' | 'test';
  expires_at: string;
}

/**
 * Claims up to `limit` due deliveries with a compare-and-set (queued/retrying → sending) and
 * writes each one's Message-ID in the same commit, before anything is sent. Due deliveries past
 * their message's expiry become 'expired' instead. Joins the caller's transaction if there is one.
 */
export function claimDueDeliveries(
  db: Database,
  options: { owner: string; limit: number; now: Date; messageIdFor: (delivery: { id: number; outboxMessageId: string; recipient: string }) => string },
): ClaimedDelivery[] {
  if (options.limit < 1) return [];
  const sql = statements(db);
  const now = options.now.toISOString();
  return inTransaction(db, () => {
    const rows = sql.due.all(now, options.limit) as unknown as DueRow[];
    const claimed: ClaimedDelivery[] = [];
    for (const row of rows) {
      if (row.expires_at <= now) {
        sql.expire.run('Niet verzonden vóór de vervaltijd van het bericht / not sent before the message expired', now, row.id);
        recordExpiry(db, row.id, row.message_id, row.recipient, row.drill === 1, options.now);
        continue;
      }
      const smtpMessageId = options.messageIdFor({ id: row.id, outboxMessageId: row.message_id, recipient: row.recipient });
      if (Number(sql.claim.run(smtpMessageId, options.owner, now, row.id).changes) !== 1) continue;
      claimed.push({
        id: row.id,
        outboxMessageId: row.message_id,
        contactId: row.contact_id,
        subscriberId: row.subscriber_id,
        channelId: row.channel_id,
        recipient: row.recipient,
        recipientName: row.recipient_name,
        language: row.language,
        attempt: row.attempts + 1,
        unknownRetried: row.unknown_retried === 1,
        threadKey: row.thread_key,
        drill: row.drill === 1,
        kind: row.kind,
        expiresAt: new Date(row.expires_at),
        smtpMessageId,
      });
    }
    return claimed;
  });
}

function recordExpiry(db: Database, deliveryId: number, messageId: string, recipient: string, drill: boolean, at: Date): void {
  appendAudit(db, {
    actor: { kind: 'system', name: 'dispatcher' },
    action: 'delivery_expired',
    subject: { type: 'message', id: messageId },
    details: { delivery_id: deliveryId, recipient },
    drill,
    at,
  });
}

/** The result of one attempt, as the transport classified it. */
export type AttemptOutcome =
  | { outcome: 'sent'; reply: string }
  | { outcome: 'temporary' | 'permanent' | 'unknown' | 'refused'; reply: string; errorCode: string | null };

/**
 * Records one attempt and the decision the retry policy took on it (src/mail/retry-policy.ts).
 * Only the dispatcher that claimed the row can finish it; returns false when it no longer owns it.
 * Joins the caller's transaction if there is one (the dispatcher records a batch per commit).
 */
export function recordAttempt(
  db: Database,
  input: {
    delivery: Pick<ClaimedDelivery, 'id' | 'outboxMessageId' | 'recipient' | 'drill'>;
    owner: string;
    transport: string;
    startedAt: Date;
    finishedAt: Date;
    result: AttemptOutcome;
    decision: { status: 'sent' | 'retrying' | 'failed' | 'unknown' | 'expired'; nextAttemptAt: Date | null; unknownRetried: boolean };
  },
): boolean {
  const sql = statements(db);
  const { delivery, result, decision } = input;
  const finishedAt = input.finishedAt.toISOString();
  const errorCode = result.outcome === 'sent' ? null : result.errorCode;
  return inTransaction(db, () => {
    const changed = Number(
      sql.finish.run(
        decision.status,
        decision.nextAttemptAt?.toISOString() ?? null,
        result.reply,
        errorCode,
        decision.status === 'sent' ? finishedAt : null,
        decision.unknownRetried ? 1 : 0,
        finishedAt,
        delivery.id,
        input.owner,
      ).changes,
    );
    sql.attempt.run(delivery.id, input.startedAt.toISOString(), finishedAt, input.transport, result.outcome, result.reply, errorCode);
    if (changed === 1 && (decision.status === 'failed' || decision.status === 'expired')) {
      appendAudit(db, {
        actor: { kind: 'system', name: 'dispatcher' },
        action: decision.status === 'failed' ? 'delivery_failed' : 'delivery_expired',
        subject: { type: 'message', id: delivery.outboxMessageId },
        details: { delivery_id: delivery.id, recipient: delivery.recipient, reply: result.reply.slice(0, 300) },
        drill: delivery.drill,
        at: input.finishedAt,
      });
    }
    return changed === 1;
  });
}

/**
 * After a crash, rows still in 'sending' may or may not have reached the SMTP server. They become
 * 'unknown' (never silently re-sent); under policy "retry_once" they get their one retry.
 */
export function recoverInterruptedDeliveries(db: Database, now: Date, unknownPolicy: UnknownPolicy): number {
  const at = now.toISOString();
  const reason = 'De verzender stopte tijdens het verzenden; mogelijk wel ontvangen / the dispatcher stopped mid-send; may have arrived';
  return transaction(db, () => {
    const rows = db.prepare("SELECT id, unknown_retried, channel_id FROM outbox_deliveries WHERE status = 'sending'").all() as Array<{
      id: number;
      unknown_retried: number;
      channel_id: number | null;
    }>;
    const toUnknown = db.prepare(
      `UPDATE outbox_deliveries SET status = 'unknown', last_reply = ?, last_error_code = 'INTERRUPTED', updated_at = ? WHERE id = ? AND status = 'sending'`,
    );
    const toRetry = db.prepare(
      `UPDATE outbox_deliveries SET status = 'retrying', next_attempt_at = ?, unknown_retried = 1, last_reply = ?, last_error_code = 'INTERRUPTED', updated_at = ?
        WHERE id = ? AND status = 'sending'`,
    );
    const attempt = statements(db).attempt;
    for (const row of rows) {
      // A chat message cannot be recognised as a repeat the way a Message-ID can: channel deliveries
      // are never re-sent blindly, whatever the policy; the operator decides on the delivery page.
      if (unknownPolicy === 'retry_once' && row.unknown_retried === 0 && row.channel_id === null) {
        toRetry.run(new Date(now.getTime() + 60_000).toISOString(), reason, at, row.id);
      } else {
        toUnknown.run(reason, at, row.id);
      }
      attempt.run(row.id, at, at, 'none', 'interrupted', reason, 'INTERRUPTED');
    }
    return rows.length;
  });
}

/**
 * The Message-IDs this recipient already got (or may have got) in the same thread, oldest first:
 * In-Reply-To and References of the next message. Drill and live threads never mix.
 */
export function earlierThreadMessageIds(
  db: Database,
  delivery: { id: number; recipient: string; threadKey: string; drill: boolean; messageCreatedAt: string },
): string[] {
  return (
    statements(db).thread.all(
      delivery.recipient,
      delivery.threadKey,
      delivery.drill ? 1 : 0,
      delivery.id,
      delivery.messageCreatedAt,
      delivery.messageCreatedAt,
      delivery.id,
    ) as Array<{ smtp_message_id: string }>
  ).map((row) => row.smtp_message_id);
}

/** Whether any earlier message of the same thread exists at all (if not, nobody needs thread headers). */
export function threadHasEarlierMessages(db: Database, message: { id: string; threadKey: string; drill: boolean; createdAt: string }): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM outbox_messages WHERE thread_key = ? AND drill = ? AND kind = 'announcement' AND id <> ? AND created_at <= ? LIMIT 1`,
      )
      .get(message.threadKey, message.drill ? 1 : 0, message.id, message.createdAt) !== undefined
  );
}

/** The frozen rendering for a language (Dutch when that language has none). */
export function findRendering(db: Database, messageId: string, language: Language): { subject: string; html: string; text: string; createdAt: string } {
  const row = db
    .prepare(
      `SELECT r.subject, r.html, r.text, m.created_at FROM outbox_renderings r JOIN outbox_messages m ON m.id = r.message_id
        WHERE r.message_id = ? AND r.language IN (?, 'nl') ORDER BY r.language = ? DESC LIMIT 1`,
    )
    .get(messageId, language, language) as { subject: string; html: string; text: string; created_at: string } | undefined;
  if (!row) throw new OutboxError('message_not_found', `Outbox message "${messageId}" has no rendering`);
  return { subject: row.subject, html: row.html, text: row.text, createdAt: row.created_at };
}

/** When the next delivery becomes due, or null when none is waiting. */
export function nextDueAt(db: Database): Date | null {
  const row = db
    .prepare(
      `SELECT MIN(d.next_attempt_at) AS at FROM outbox_deliveries d JOIN outbox_messages m ON m.id = d.message_id
        WHERE d.status IN ('queued', 'retrying') AND m.state = 'active'`,
    )
    .get() as { at: string | null };
  return row.at ? new Date(row.at) : null;
}

// ---- Operator views and actions -------------------------------------------------------------

export interface DeliveryView {
  id: number;
  contactId: number | null;
  /** A Teams, Slack or webhook delivery: recipientName is the destination's name. */
  channelId: number | null;
  recipient: string;
  recipientName: string;
  language: Language;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  /** The SMTP server's reply (sent) or the reason (other statuses). */
  lastReply: string | null;
  lastErrorCode: string | null;
  sentAt: Date | null;
  smtpMessageId: string | null;
  updatedAt: Date;
}

/** Per-recipient status of one message, for customer care. Filter by status and/or address. */
export function listDeliveries(
  db: Database,
  messageId: string,
  filter: { status?: DeliveryStatus | undefined; search?: string | undefined; limit?: number; offset?: number } = {},
): DeliveryView[] {
  const where = ['message_id = ?'];
  const params: SQLInputValue[] = [messageId];
  if (filter.status) {
    where.push('status = ?');
    params.push(filter.status);
  }
  if (filter.search) {
    where.push("(recipient LIKE ? ESCAPE '\\' OR recipient_name LIKE ? ESCAPE '\\')");
    const pattern = `%${filter.search.replace(/[\\%_]/g, '\\$&')}%`;
    params.push(pattern, pattern);
  }
  const rows = db
    .prepare(`SELECT * FROM outbox_deliveries WHERE ${where.join(' AND ')} ORDER BY recipient LIMIT ? OFFSET ?`)
    .all(...params, filter.limit ?? 1000, filter.offset ?? 0) as Array<Record<string, string | number | null>>;
  return rows.map((row) => ({
    id: row.id as number,
    contactId: row.contact_id as number | null,
    channelId: row.channel_id as number | null,
    recipient: row.recipient as string,
    recipientName: row.recipient_name as string,
    language: row.language as Language,
    status: row.status as DeliveryStatus,
    attempts: row.attempts as number,
    nextAttemptAt: row.next_attempt_at && (row.status === 'queued' || row.status === 'retrying') ? new Date(row.next_attempt_at as string) : null,
    lastReply: row.last_reply as string | null,
    lastErrorCode: row.last_error_code as string | null,
    sentAt: row.sent_at ? new Date(row.sent_at as string) : null,
    smtpMessageId: row.smtp_message_id as string | null,
    updatedAt: new Date(row.updated_at as string),
  }));
}

export type DeliveryCounts = Record<DeliveryStatus, number> & { total: number };

/** How many recipients of a message are in each status. */
export function countDeliveries(db: Database, messageId: string): DeliveryCounts {
  const counts = Object.fromEntries(DELIVERY_STATUSES.map((status) => [status, 0])) as DeliveryCounts;
  counts.total = 0;
  for (const row of db.prepare('SELECT status, COUNT(*) AS n FROM outbox_deliveries WHERE message_id = ? GROUP BY status').all(messageId) as Array<{ status: DeliveryStatus; n: number }>) {
    counts[row.status] = row.n;
    counts.total += row.n;
  }
  return counts;
}

export interface OutboxMessageView {
  id: string;
  threadKey: string;
  kind: 'announcement' | 'test';
  drill: boolean;
  state: 'active' | 'paused' | 'cancelled';
  createdAt: Date;
  expiresAt: Date;
  createdBy: string;
}

export function findOutboxMessage(db: Database, messageId: string): OutboxMessageView | null {
  const row = db.prepare('SELECT * FROM outbox_messages WHERE id = ?').get(messageId) as Record<string, string | number> | undefined;
  if (!row) return null;
  return {
    id: row.id as string,
    threadKey: row.thread_key as string,
    kind: row.kind as OutboxMessageView['kind'],
    drill: row.drill === 1,
    state: row.state as OutboxMessageView['state'],
    createdAt: new Date(row.created_at as string),
    expiresAt: new Date(row.expires_at as string),
    createdBy: row.created_by as string,
  };
}

/** Messages in the outbox, newest first, with their counts: the admin's delivery overview. */
export function listOutboxMessages(db: Database, options: { drill?: boolean; limit?: number } = {}): Array<OutboxMessageView & { counts: DeliveryCounts }> {
  const rows = db
    .prepare(`SELECT id FROM outbox_messages ${options.drill === undefined ? '' : 'WHERE drill = ?'} ORDER BY created_at DESC, id LIMIT ?`)
    .all(...(options.drill === undefined ? [] : [options.drill ? 1 : 0]), options.limit ?? 50) as Array<{ id: string }>;
  return rows.map((row) => ({ ...findOutboxMessage(db, row.id)!, counts: countDeliveries(db, row.id) }));
}

export function requireOutboxMessage(db: Database, messageId: string): OutboxMessageView {
  const message = findOutboxMessage(db, messageId);
  if (!message) throw new Refusal('send_not_found', { detail: messageId });
  return message;
}

/** Sets the send state of a message; returns how many deliveries the change touched. */
export function setOutboxMessageState(db: Database, messageId: string, from: readonly OutboxMessageView['state'][], to: OutboxMessageView['state'], now: Date): number {
  const message = requireOutboxMessage(db, messageId);
  if (!from.includes(message.state)) {
    throw new Refusal(message.state === 'cancelled' ? 'send_cancelled' : message.state === 'paused' ? 'send_paused' : 'send_running', { detail: `${messageId} is ${message.state}; it cannot become ${to}` });
  }
  db.prepare('UPDATE outbox_messages SET state = ? WHERE id = ?').run(to, messageId);
  if (to === 'cancelled') {
    return Number(
      db
        .prepare(
          `UPDATE outbox_deliveries SET status = 'cancelled', next_attempt_at = NULL, updated_at = ?
            WHERE message_id = ? AND status IN ('queued', 'retrying')`,
        )
        .run(now.toISOString(), messageId).changes,
    );
  }
  return Number((db.prepare("SELECT COUNT(*) AS n FROM outbox_deliveries WHERE message_id = ? AND status IN ('queued', 'retrying')").get(messageId) as { n: number }).n);
}

/**
 * Queues failed and unknown deliveries of a message again (optionally only the given ones). They
 * keep their Message-ID, so a copy that did arrive earlier is recognised as the same message.
 * The message gets a fresh expiry window from now: the operator decided it is still worth sending.
 */
export function requeueDeliveries(db: Database, messageId: string, now: Date, options: { expiryMinutes: number; deliveryIds?: readonly number[] | undefined }): number {
  const { deliveryIds } = options;
  const message = requireOutboxMessage(db, messageId);
  if (message.state === 'cancelled') throw new Refusal('send_cancelled', { detail: messageId });
  const at = now.toISOString();
  const statuses = RESENDABLE_STATUSES.map((status) => `'${status}'`).join(', ');
  const idFilter = deliveryIds ? `AND id IN (${deliveryIds.map(() => '?').join(', ') || 'NULL'})` : '';
  const changed = db
    .prepare(
      `UPDATE outbox_deliveries SET status = 'queued', next_attempt_at = ?, unknown_retried = 0, updated_at = ?
        WHERE message_id = ? AND status IN (${statuses}) ${idFilter}`,
    )
    .run(at, at, messageId, ...(deliveryIds ?? [])).changes;
  const expiry = new Date(now.getTime() + options.expiryMinutes * 60_000).toISOString();
  db.prepare('UPDATE outbox_messages SET expires_at = MAX(expires_at, ?) WHERE id = ?').run(expiry, messageId);
  return Number(changed);
}
