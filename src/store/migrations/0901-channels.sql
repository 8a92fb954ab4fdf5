-- Channels: Microsoft Teams, Slack and generic webhook destinations that approved messages also
-- reach, per municipality (CBS code) or vendor-wide (municipality NULL). The URL and the webhook
-- secret are secrets: the admin shows them masked and nothing logs them.
CREATE TABLE channel_destinations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('teams', 'slack', 'webhook')),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- NULL: the vendor-wide destination, which receives every approved message.
  municipality TEXT CHECK (municipality IS NULL OR municipality GLOB 'GM[0-9][0-9][0-9][0-9]'),
  url TEXT NOT NULL CHECK (url GLOB 'http*://*'),
  -- Standard Webhooks secret ("whsec_" + base64), generic webhooks only.
  secret TEXT CHECK ((kind = 'webhook') = (secret IS NOT NULL)),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  -- Removed destinations stay, so the delivery page can still name them; they receive nothing.
  removed_at TEXT
) STRICT;

CREATE INDEX channel_destinations_active ON channel_destinations (municipality) WHERE removed_at IS NULL;

-- A delivery row with channel_id set goes to that destination instead of a mailbox; its recipient
-- is "channel:<id>" (unique per message like an address). No foreign key: the delivery record
-- outlives a removed destination.
ALTER TABLE outbox_deliveries ADD COLUMN channel_id INTEGER;

-- What the channel messages of an approved message say, frozen at approval (JSON, see
-- src/domain/channel.ts ChannelContent); every destination's payload is built from it.
CREATE TABLE outbox_channel_content (
  message_id TEXT PRIMARY KEY REFERENCES outbox_messages (id) ON DELETE CASCADE,
  content TEXT NOT NULL CHECK (json_valid(content))
) STRICT, WITHOUT ROWID;

-- A drill sends nothing over HTTP: its channel deliveries are captured here (the exact JSON body
-- that would have been posted) and shown as previews.
CREATE TABLE channel_captures (
  delivery_id INTEGER PRIMARY KEY REFERENCES outbox_deliveries (id) ON DELETE CASCADE,
  message_id TEXT NOT NULL,
  channel_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('teams', 'slack', 'webhook')),
  body TEXT NOT NULL CHECK (json_valid(body)),
  captured_at TEXT NOT NULL
) STRICT;
