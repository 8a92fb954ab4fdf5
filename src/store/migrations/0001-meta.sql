-- Key/value settings that belong to this installation (e.g. the secret for signed links).
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
