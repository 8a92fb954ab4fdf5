import type { ChannelContent, ChannelDestination, ChannelKind } from '../domain/channel.ts';
import type { Database } from './database.ts';

/**
 * Channel destinations (Teams, Slack, webhooks), the frozen channel content of approved messages
 * and the drill captures of channel deliveries. URLs and secrets are read only by the sender and
 * by the masked views; nothing here logs them.
 */

interface DestinationRow {
  id: number;
  kind: ChannelKind;
  name: string;
  municipality: string | null;
  url: string;
  secret: string | null;
  created_at: string;
  created_by: string;
  removed_at: string | null;
}

const toDestination = (row: DestinationRow): ChannelDestination => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  municipality: row.municipality,
  url: row.url,
  secret: row.secret,
  createdAt: new Date(row.created_at),
  createdBy: row.created_by,
  removedAt: row.removed_at ? new Date(row.removed_at) : null,
});

export function insertChannelDestination(
  db: Database,
  input: { kind: ChannelKind; name: string; municipality: string | null; url: string; secret: string | null; at: Date; byName: string },
): number {
  const result = db
    .prepare('INSERT INTO channel_destinations (kind, name, municipality, url, secret, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(input.kind, input.name, input.municipality, input.url, input.secret, input.at.toISOString(), input.byName);
  return Number(result.lastInsertRowid);
}

/** Active destinations first by municipality (vendor-wide first), then name; removed ones only when asked. */
export function listChannelDestinations(db: Database, options: { includeRemoved?: boolean } = {}): ChannelDestination[] {
  const rows = db
    .prepare(`SELECT * FROM channel_destinations ${options.includeRemoved ? '' : 'WHERE removed_at IS NULL'} ORDER BY municipality IS NOT NULL, municipality, name, id`)
    .all() as unknown as DestinationRow[];
  return rows.map(toDestination);
}

export function findChannelDestination(db: Database, id: number): ChannelDestination | null {
  const row = db.prepare('SELECT * FROM channel_destinations WHERE id = ?').get(id) as unknown as DestinationRow | undefined;
  return row ? toDestination(row) : null;
}

/** Returns false when it was already removed or does not exist. */
export function markChannelDestinationRemoved(db: Database, id: number, at: Date): boolean {
  return Number(db.prepare('UPDATE channel_destinations SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(at.toISOString(), id).changes) === 1;
}

export function insertChannelContent(db: Database, messageId: string, content: ChannelContent): void {
  db.prepare('INSERT INTO outbox_channel_content (message_id, content) VALUES (?, ?)').run(messageId, JSON.stringify(content));
}

export function findChannelContent(db: Database, messageId: string): ChannelContent | null {
  const row = db.prepare('SELECT content FROM outbox_channel_content WHERE message_id = ?').get(messageId) as { content: string } | undefined;
  return row ? (JSON.parse(row.content) as ChannelContent) : null;
}

/** A drill's channel delivery: the body it would have posted. Replaces an earlier capture of the same delivery. */
export function insertChannelCapture(db: Database, input: { deliveryId: number; messageId: string; channelId: number; kind: ChannelKind; body: string; at: Date }): void {
  db.prepare(
    `INSERT INTO channel_captures (delivery_id, message_id, channel_id, kind, body, captured_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (delivery_id) DO UPDATE SET body = excluded.body, captured_at = excluded.captured_at`,
  ).run(input.deliveryId, input.messageId, input.channelId, input.kind, input.body, input.at.toISOString());
}

export interface ChannelCapture {
  deliveryId: number;
  channelId: number;
  kind: ChannelKind;
  /** The JSON body, pretty-printed for reading. */
  body: string;
  capturedAt: Date;
}

export function listChannelCaptures(db: Database, messageId: string): ChannelCapture[] {
  const rows = db.prepare('SELECT * FROM channel_captures WHERE message_id = ? ORDER BY delivery_id').all(messageId) as Array<{
    delivery_id: number;
    channel_id: number;
    kind: ChannelKind;
    body: string;
    captured_at: string;
  }>;
  return rows.map((row) => ({
    deliveryId: row.delivery_id,
    channelId: row.channel_id,
    kind: row.kind,
    body: JSON.stringify(JSON.parse(row.body), null, 2),
    capturedAt: new Date(row.captured_at),
  }));
}
