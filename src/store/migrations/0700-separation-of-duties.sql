-- Separation of duties that holds against one admin (issue 11). Four-eyes alone can be defeated by
-- an admin who creates a composer account, writes a message as it and approves it as themselves.
-- So every change one person makes to another's account is recorded here, and an approval is
-- refused (in the use case AND here) when the approver
--   * created, enabled, or changed the roles or password of the message's author in the 7 days
--     before the approval, or
--   * had their own roles changed in the 24 hours before it.
-- Nobody may change their own roles (changed_by = user_id for roles_changed is refused).

CREATE TABLE account_changes (
  id INTEGER PRIMARY KEY,
  -- The account that was changed.
  user_id INTEGER NOT NULL REFERENCES users (id),
  -- Who changed it; NULL for the installation itself (the CLI on the server, demo seeding).
  changed_by INTEGER REFERENCES users (id),
  change TEXT NOT NULL CHECK (change IN ('created', 'enabled', 'roles_changed', 'password_reset')),
  changed_at TEXT NOT NULL,
  CHECK (change <> 'roles_changed' OR changed_by IS NULL OR changed_by <> user_id)
) STRICT;

CREATE INDEX account_changes_by_user ON account_changes (user_id, changed_at);

CREATE TRIGGER account_changes_no_update BEFORE UPDATE ON account_changes
BEGIN
  SELECT RAISE(ABORT, 'account changes are append-only');
END;

CREATE TRIGGER account_changes_no_delete BEFORE DELETE ON account_changes
BEGIN
  SELECT RAISE(ABORT, 'account changes are append-only');
END;

-- The same two rules as src/use-cases/messages/separation-of-duties.ts, once more.
CREATE TRIGGER message_approvals_separation_of_duties BEFORE INSERT ON message_approvals
BEGIN
  SELECT RAISE(ABORT, 'separation of duties: the approver changed the author''s account in the last 7 days')
  WHERE EXISTS (
    SELECT 1 FROM account_changes c
    WHERE c.user_id = NEW.author_id AND c.changed_by = NEW.approver_id
      AND julianday(c.changed_at) > julianday(NEW.approved_at) - 7
  );
  SELECT RAISE(ABORT, 'separation of duties: the approver''s roles changed in the last 24 hours')
  WHERE EXISTS (
    SELECT 1 FROM account_changes c
    WHERE c.user_id = NEW.approver_id AND c.change = 'roles_changed'
      AND julianday(c.changed_at) > julianday(NEW.approved_at) - 1
  );
END;
