-- Messages the capture transport kept instead of sending (no SMTP_URL, a drill, or HELDER_MODE=drill).
-- The .eml file under <dataDir>/mail/ is the exact MIME message; html/text serve the admin's viewer.
CREATE TABLE captured_mail (
  id INTEGER PRIMARY KEY,
  delivery_id INTEGER,
  outbox_message_id TEXT,
  drill INTEGER NOT NULL CHECK (drill IN (0, 1)),
  -- Why it was captured: 'drill', 'drill_mode' (HELDER_MODE=drill) or 'no_smtp' (local mailbox).
  reason TEXT NOT NULL CHECK (reason IN ('drill', 'drill_mode', 'no_smtp')),
  message_id_header TEXT NOT NULL,
  sender TEXT NOT NULL,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  html TEXT NOT NULL,
  text TEXT NOT NULL,
  -- Relative to <dataDir>/mail/.
  file TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  captured_at TEXT NOT NULL
) STRICT;

CREATE INDEX captured_mail_by_message ON captured_mail (outbox_message_id, recipient);
CREATE INDEX captured_mail_by_time ON captured_mail (captured_at);
