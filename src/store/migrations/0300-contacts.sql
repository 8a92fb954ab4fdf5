-- The people and functional mailboxes at each municipality who receive approved messages.
-- Personal data: never published, exported only by an admin.
CREATE TABLE contacts (
  -- AUTOINCREMENT: an id is never reused, so an old unsubscribe link can never hit a new contact.
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  municipality TEXT NOT NULL CHECK (municipality GLOB 'GM[0-9][0-9][0-9][0-9]'),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  -- Addresses are ASCII (validated as one mailbox), so NOCASE compares them case-insensitively.
  email TEXT NOT NULL COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 254 AND email NOT GLOB '*[ ,;<>' || char(10) || char(13) || ']*'),
  role TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL CHECK (language IN ('nl', 'en')),
  -- JSON: the string "all" or an array of product ids.
  products TEXT NOT NULL CHECK (json_valid(products)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  unsubscribed_at TEXT,
  -- How: 'one_click' (RFC 8058 POST from the mail client), 'link' (confirmation page), 'admin'.
  unsubscribed_via TEXT CHECK (unsubscribed_via IN ('one_click', 'link', 'admin')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (municipality, email),
  CHECK ((unsubscribed_at IS NULL) = (unsubscribed_via IS NULL))
) STRICT;

CREATE INDEX contacts_by_email ON contacts (email);
