-- Sign-in attempts that did not (yet) succeed, counted per account and per client address.
-- A row is written BEFORE the password is checked and removed on success, so parallel guesses
-- cannot slip past the limit while a check is running.
CREATE TABLE sign_in_attempts (
  id INTEGER PRIMARY KEY,
  account_key TEXT NOT NULL,
  address_key TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;

CREATE INDEX sign_in_attempts_by_account ON sign_in_attempts (account_key, at);
CREATE INDEX sign_in_attempts_by_address ON sign_in_attempts (address_key, at);
