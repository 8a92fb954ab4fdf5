-- People who sign in to the admin. E-mail is the sign-in name; compared case-insensitively.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  -- PHC string "$argon2id$v=19$m=…,t=…,p=…$salt$hash": parameters travel with the hash so they can be raised later.
  password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  -- Demo accounts are seeded with printed one-time passwords; a production start refuses while any is active.
  demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  created_at TEXT NOT NULL,
  password_changed_at TEXT NOT NULL,
  disabled_at TEXT,
  CHECK ((active = 1 AND disabled_at IS NULL) OR (active = 0 AND disabled_at IS NOT NULL))
) STRICT;

-- A set of roles per user: opsteller (composer), goedkeurder (approver), beheerder (admin).
CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('composer', 'approver', 'admin')),
  PRIMARY KEY (user_id, role)
) STRICT, WITHOUT ROWID;

CREATE INDEX user_roles_by_role ON user_roles (role, user_id);
