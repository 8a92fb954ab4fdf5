-- The outbox: approved messages and one delivery row per recipient. These tables are the queue;
-- nothing is handed over in memory, so a crash or restart loses nothing.
CREATE TABLE outbox_messages (
  -- The id of the approved message (from the approval step), or "test-…" for a test message.
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 120),
  -- Incident or maintenance id: all messages about it form one thread in the recipient's mail client.
  thread_key TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'announcement' CHECK (kind IN ('announcement', 'test')),
  drill INTEGER NOT NULL CHECK (drill IN (0, 1)),
  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'cancelled')),
  created_at TEXT NOT NULL,
  -- After this a delivery not yet handed to the SMTP server becomes 'expired': a stale outage notice is worse than none.
  expires_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT 'system'
) STRICT;

-- The frozen rendering per language, exactly as approved; personal links are filled in per delivery.
CREATE TABLE outbox_renderings (
  message_id TEXT NOT NULL REFERENCES outbox_messages (id) ON DELETE CASCADE,
  language TEXT NOT NULL CHECK (language IN ('nl', 'en')),
  subject TEXT NOT NULL CHECK (length(subject) >= 1 AND subject NOT GLOB '*[' || char(10) || char(13) || ']*'),
  html TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (message_id, language)
) STRICT, WITHOUT ROWID;

CREATE TABLE outbox_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id TEXT NOT NULL REFERENCES outbox_messages (id) ON DELETE CASCADE,
  -- No foreign key: the delivery record outlives a removed contact (customer care still asks about it).
  contact_id INTEGER,
  recipient TEXT NOT NULL COLLATE NOCASE,
  recipient_name TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL CHECK (language IN ('nl', 'en')),
  status TEXT NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'sending', 'sent', 'retrying', 'failed', 'unknown', 'expired', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  -- Deterministic, written in the same write that claims the row, before any byte goes to the SMTP server.
  smtp_message_id TEXT UNIQUE,
  -- The SMTP server's reply (sent) or the reason (retrying, failed, unknown, expired).
  last_reply TEXT,
  last_error_code TEXT,
  claimed_by TEXT,
  sent_at TEXT,
  -- Set when an 'unknown' delivery already had its one automatic retry (policy "retry_once").
  unknown_retried INTEGER NOT NULL DEFAULT 0 CHECK (unknown_retried IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (message_id, recipient)
) STRICT;

CREATE INDEX outbox_deliveries_due ON outbox_deliveries (next_attempt_at, id) WHERE status IN ('queued', 'retrying');
-- Per-message lookups use the UNIQUE (message_id, recipient) index; no status index, so a status
-- change rewrites as few index entries as possible (two updates per delivery, thousands per minute).
CREATE INDEX outbox_deliveries_by_recipient ON outbox_deliveries (recipient, id);

-- Every attempt, for customer care ("did Gemeente Utrecht get it, and when?").
CREATE TABLE outbox_attempts (
  id INTEGER PRIMARY KEY,
  delivery_id INTEGER NOT NULL REFERENCES outbox_deliveries (id) ON DELETE CASCADE,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  transport TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'temporary', 'permanent', 'unknown', 'refused', 'interrupted')),
  reply TEXT,
  error_code TEXT
) STRICT;

CREATE INDEX outbox_attempts_by_delivery ON outbox_attempts (delivery_id, id);

-- At most one dispatcher per database: the owner refreshes its heartbeat while it runs.
CREATE TABLE mail_dispatcher_lock (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  pid INTEGER NOT NULL,
  host TEXT NOT NULL,
  acquired_at TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL
) STRICT;
