-- Customer signals: calls, tickets, mails and monitoring events about a product in a
-- municipality, and the alerts raised when they pile up. A signal from TOPdesk that cannot be
-- mapped to a product or municipality is still kept (product and/or municipality NULL) and shown
-- as "niet te koppelen": it is never dropped.

CREATE TABLE signals (
  id INTEGER PRIMARY KEY,
  -- Drill signals live beside live ones and never count towards a live alert (and vice versa).
  drill INTEGER NOT NULL CHECK (drill IN (0, 1)),
  product TEXT,
  municipality TEXT CHECK (municipality IS NULL OR municipality GLOB 'GM[0-9][0-9][0-9][0-9]'),
  source TEXT NOT NULL CHECK (source IN ('topdesk', 'phone', 'mail', 'webhook', 'monitoring')),
  reference TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 200),
  summary TEXT NOT NULL CHECK (length(summary) BETWEEN 1 AND 500),
  -- When the customer reported it (the source's time), and when Helder stored it.
  received_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by_name TEXT NOT NULL,
  -- Why an imported record could not be mapped (e.g. the TOPdesk category and branch), as JSON.
  unmapped TEXT CHECK (unmapped IS NULL OR json_valid(unmapped)),
  -- The incident (content file id) these calls turned out to be about.
  incident_id TEXT,
  CHECK ((unmapped IS NULL) = (product IS NOT NULL AND municipality IS NOT NULL))
) STRICT;

-- The same (source, reference) twice is one signal: a retried POST or a re-polled ticket.
CREATE UNIQUE INDEX signals_unique_reference ON signals (drill, source, reference);
CREATE INDEX signals_by_product_time ON signals (drill, product, received_at);
CREATE INDEX signals_by_municipality_time ON signals (drill, municipality, received_at);
CREATE INDEX signals_by_time ON signals (drill, received_at);

-- "Mogelijk landelijke storing" / "lokale storing": raised by the spike rule
-- (src/domain/signal-spike.ts), open until handled (closed) or linked to an incident.
CREATE TABLE signal_alerts (
  id INTEGER PRIMARY KEY,
  drill INTEGER NOT NULL CHECK (drill IN (0, 1)),
  product TEXT NOT NULL,
  suggestion TEXT NOT NULL CHECK (suggestion IN ('national', 'local')),
  -- CBS codes of the reporting municipalities, sorted, as JSON.
  municipalities TEXT NOT NULL CHECK (json_valid(municipalities)),
  signal_count INTEGER NOT NULL CHECK (signal_count >= 1),
  first_at TEXT NOT NULL,
  last_at TEXT NOT NULL,
  raised_at TEXT NOT NULL,
  closed_at TEXT,
  closed_by_name TEXT,
  close_reason TEXT CHECK (close_reason IS NULL OR close_reason IN ('handled', 'linked')),
  incident_id TEXT,
  CHECK ((closed_at IS NULL) = (close_reason IS NULL)),
  CHECK (last_at >= first_at)
) STRICT;

-- One open alert per product (per mode): new signals join it instead of raising another.
CREATE UNIQUE INDEX signal_alerts_one_open ON signal_alerts (drill, product) WHERE closed_at IS NULL;
CREATE INDEX signal_alerts_by_time ON signal_alerts (drill, raised_at);

-- Tokens for POST /api/v1/signals. Only a SHA-256 of the token is kept: the token itself is shown
-- once, at creation (it has 256 random bits, so a fast hash is enough).
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  scope TEXT NOT NULL CHECK (scope IN ('signals')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  created_by_name TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT,
  revoked_by_name TEXT
) STRICT;

CREATE UNIQUE INDEX api_tokens_active_name ON api_tokens (name) WHERE revoked_at IS NULL;
