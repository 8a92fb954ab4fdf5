-- The audit chain becomes keyed (HMAC-SHA-256 with a key kept in a file beside the database, not
-- in it; see src/store/audit-key.ts). Rows written before this migration keep their plain
-- SHA-256 hash (keyed = 0) and are protected by the first keyed row after them, which chains to
-- their hash. The seal is the keyed signature of the chain's head, rewritten with every append:
-- removing the newest rows leaves a seal that names a row that is gone, and nobody without the
-- key can write a new one.
ALTER TABLE audit_log ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0 CHECK (keyed IN (0, 1));

CREATE TABLE audit_seal (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL CHECK (seq >= 0),
  hash TEXT NOT NULL CHECK (length(hash) = 64),
  mac TEXT NOT NULL CHECK (length(mac) = 64)
) STRICT;
