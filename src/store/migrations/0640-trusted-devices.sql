-- Device cookies (OWASP "slow down online guessing attacks with device cookies"): a browser in
-- which a person signed in before gets a random token bound to the account it signed in to. With
-- that token the person keeps getting in while someone else's guessing slows the account and the
-- address down. Only the SHA-256 of the token is kept; failures are counted per device, so a
-- stolen cookie can not be used for unlimited guessing either.
CREATE TABLE trusted_devices (
  token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
  account_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT NOT NULL,
  -- Failed (or still running) sign-ins with this device since its last success.
  failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
  last_failure_at TEXT
) STRICT;

CREATE INDEX trusted_devices_by_account ON trusted_devices (account_key);
