-- Approval for everything public (issue 11, item 4). Opening an incident, an update, a change of
-- its shape, its resolution and merging a duplicate reach the status page only after a second person approved exactly
-- the content that was offered: each offer is a row here, bound to the SHA-256 of that content.
-- The first "we are investigating" notice of an incident manager may go on the page at once when
-- the installation allows it (HELDER_FIRST_NOTICE_AT_ONCE); that row is marked at_once and still
-- waits here for a colleague's review afterwards.
CREATE TABLE public_changes (
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  incident_id TEXT NOT NULL CHECK (length(incident_id) BETWEEN 1 AND 80),
  drill INTEGER NOT NULL CHECK (drill IN (0, 1)),
  kind TEXT NOT NULL CHECK (kind IN ('open', 'update', 'change', 'resolve', 'merge')),
  -- The canonical JSON of what goes public, and its SHA-256 (hex): what the approver approves.
  content TEXT NOT NULL,
  content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
  author_id INTEGER NOT NULL REFERENCES users (id),
  proposed_at TEXT NOT NULL,
  -- 1: already on the page (the incident manager's first notice); the approval is a review afterwards.
  at_once INTEGER NOT NULL DEFAULT 0 CHECK (at_once IN (0, 1)),
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected', 'voided')),
  decided_by INTEGER REFERENCES users (id),
  decided_at TEXT,
  reason TEXT,
  CHECK (at_once = 0 OR kind = 'open'),
  -- Four-eyes: nobody decides on their own offer.
  CHECK (decided_by IS NULL OR decided_by <> author_id),
  CHECK ((state = 'pending') = (decided_at IS NULL)),
  CHECK (state <> 'rejected' OR length(trim(coalesce(reason, ''))) >= 5)
) STRICT;

CREATE INDEX public_changes_by_incident ON public_changes (incident_id, drill, proposed_at);
CREATE INDEX public_changes_pending ON public_changes (state, proposed_at);

-- What was offered never changes; only the decision is written, once.
CREATE TRIGGER public_changes_frozen BEFORE UPDATE ON public_changes
WHEN OLD.state <> 'pending'
  OR NEW.content IS NOT OLD.content OR NEW.content_hash IS NOT OLD.content_hash
  OR NEW.author_id IS NOT OLD.author_id OR NEW.incident_id IS NOT OLD.incident_id
  OR NEW.kind IS NOT OLD.kind OR NEW.drill IS NOT OLD.drill OR NEW.at_once IS NOT OLD.at_once
  OR NEW.proposed_at IS NOT OLD.proposed_at
BEGIN
  SELECT RAISE(ABORT, 'a public change is decided once and its content never changes');
END;

CREATE TRIGGER public_changes_no_delete BEFORE DELETE ON public_changes
BEGIN
  SELECT RAISE(ABORT, 'public changes are kept');
END;

-- The separation of duties of migrations/0700 for these approvals too.
CREATE TRIGGER public_changes_separation_of_duties BEFORE UPDATE OF state ON public_changes
WHEN NEW.state = 'approved'
BEGIN
  SELECT RAISE(ABORT, 'separation of duties: the approver changed the author''s account in the last 7 days')
  WHERE EXISTS (
    SELECT 1 FROM account_changes c
    WHERE c.user_id = NEW.author_id AND c.changed_by = NEW.decided_by
      AND julianday(c.changed_at) > julianday(NEW.decided_at) - 7
  );
  SELECT RAISE(ABORT, 'separation of duties: the approver''s roles changed in the last 24 hours')
  WHERE EXISTS (
    SELECT 1 FROM account_changes c
    WHERE c.user_id = NEW.decided_by AND c.change = 'roles_changed'
      AND julianday(c.changed_at) > julianday(NEW.decided_at) - 1
  );
END;
