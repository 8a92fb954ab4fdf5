-- Self-service subscribers: municipal staff who subscribed themselves on the public page with
-- double opt-in. Personal data: the address and what it wants, nothing else; removed at once on
-- unsubscribe (no tombstone: a new subscription is a new, explicit opt-in).
CREATE TABLE subscribers (
  -- AUTOINCREMENT: an id is never reused, so an old manage or unsubscribe link can never reach a new subscriber.
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 254 AND email NOT GLOB '*[ ,;<>' || char(10) || char(13) || ']*'),
  language TEXT NOT NULL CHECK (language IN ('nl', 'en')),
  -- JSON: the string "all" or an array of CBS codes / product ids.
  municipalities TEXT NOT NULL CHECK (json_valid(municipalities)),
  products TEXT NOT NULL CHECK (json_valid(products)),
  confirmed_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Requests waiting for the click on the confirmation link; deleted on confirmation or after 48 hours.
CREATE TABLE subscription_requests (
  -- SHA-256 of the token in the link: a copy of the database does not hold working links.
  token_hash TEXT PRIMARY KEY,
  email TEXT NOT NULL COLLATE NOCASE,
  language TEXT NOT NULL CHECK (language IN ('nl', 'en')),
  municipalities TEXT NOT NULL CHECK (json_valid(municipalities)),
  products TEXT NOT NULL CHECK (json_valid(products)),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX subscription_requests_by_expiry ON subscription_requests (expires_at);

-- Counted form posts for the rate limits, per address and per client address (both as SHA-256,
-- so the counter table holds no readable personal data); older than a day they are deleted.
CREATE TABLE subscription_attempts (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('address', 'client')),
  key_hash TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;

CREATE INDEX subscription_attempts_by_key ON subscription_attempts (kind, key_hash, at);

-- A delivery to a self-service subscriber: its links are the subscriber's manage and unsubscribe links.
ALTER TABLE outbox_deliveries ADD COLUMN subscriber_id INTEGER;
