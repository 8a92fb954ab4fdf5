-- What the first demo start has put in this database (HELDER_ENV=demo only). A row means "done
-- once": a restart, or an admin who deleted every demo contact, does not bring them back.
CREATE TABLE demo_seedings (
  what TEXT PRIMARY KEY CHECK (what IN ('contacts')),
  seeded_at TEXT NOT NULL
) STRICT;
