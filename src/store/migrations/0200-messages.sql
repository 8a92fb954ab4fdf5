-- Messages to municipalities and their four-eyes approval (src/domain/message-lifecycle.ts).
-- The rules live in the use cases AND here, so a bug or a hand-typed SQL statement cannot let an
-- unapproved, self-approved or silently changed message out.

CREATE TABLE messages (
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 8 AND 64),
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('incident', 'maintenance')),
  subject_id TEXT NOT NULL CHECK (length(subject_id) BETWEEN 1 AND 80),
  template_id TEXT NOT NULL,
  template_values TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(template_values)),
  -- The incident or maintenance status this update sets on the status page.
  update_status TEXT NOT NULL,
  component_changes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(component_changes)),
  -- "Next update expected at" (UTC ISO 8601); NULL when this update promises none.
  next_update_at TEXT,
  drill INTEGER NOT NULL CHECK (drill IN (0, 1)),
  state TEXT NOT NULL DEFAULT 'draft'
    CHECK (state IN ('draft', 'submitted', 'approved', 'published', 'rejected', 'cancelled')),
  -- Bumped by every write; writers compare-and-set on it, so a stale form cannot overwrite.
  revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
  author_id INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- The pending or approved submission: who offered it, and the hash the approval must match.
  submitted_at TEXT,
  submitted_by INTEGER REFERENCES users (id),
  submitted_hash TEXT CHECK (submitted_hash IS NULL OR length(submitted_hash) = 64),
  -- The canonical approval content behind submitted_hash, kept to explain a voided approval.
  submitted_content TEXT,
  -- After approval: the status-page update was written to the content (step 1 of publishing).
  content_written_at TEXT,
  published_at TEXT,
  publication_attempts INTEGER NOT NULL DEFAULT 0 CHECK (publication_attempts >= 0),
  publication_error TEXT,
  cancelled_at TEXT,
  cancelled_by INTEGER REFERENCES users (id),
  CHECK ((state IN ('submitted', 'approved', 'published'))
    = (submitted_hash IS NOT NULL AND submitted_content IS NOT NULL AND submitted_at IS NOT NULL AND submitted_by IS NOT NULL)),
  CHECK ((state = 'published') = (published_at IS NOT NULL)),
  CHECK (state <> 'published' OR content_written_at IS NOT NULL),
  CHECK ((state = 'cancelled') = (cancelled_at IS NOT NULL AND cancelled_by IS NOT NULL))
) STRICT;

CREATE INDEX messages_by_subject ON messages (subject_kind, subject_id, state);
CREATE INDEX messages_by_state ON messages (state, updated_at);

-- Everyone who wrote, edited or submitted a message's content: none of them may approve it.
CREATE TABLE message_contributors (
  message_id TEXT NOT NULL REFERENCES messages (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  contribution TEXT NOT NULL CHECK (contribution IN ('authored', 'edited', 'submitted')),
  first_at TEXT NOT NULL,
  PRIMARY KEY (message_id, user_id, contribution)
) STRICT, WITHOUT ROWID;

-- One approval per message, ever. Approver and author are both on the row so a CHECK can hold.
CREATE TABLE message_approvals (
  message_id TEXT PRIMARY KEY REFERENCES messages (id),
  approver_id INTEGER NOT NULL REFERENCES users (id),
  author_id INTEGER NOT NULL REFERENCES users (id),
  approved_at TEXT NOT NULL,
  approval_hash TEXT NOT NULL CHECK (length(approval_hash) = 64),
  CHECK (approver_id <> author_id)
) STRICT;

-- Every rejection with its reason, shown to the author; kept after the message returns to draft.
CREATE TABLE message_rejections (
  id INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL REFERENCES messages (id),
  rejected_by INTEGER NOT NULL REFERENCES users (id),
  rejected_at TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (length(trim(reason)) >= 5),
  -- Which submission was rejected.
  submitted_hash TEXT NOT NULL CHECK (length(submitted_hash) = 64)
) STRICT;

CREATE INDEX message_rejections_by_message ON message_rejections (message_id, id);

-- The rendered output per language at the last submit: what the approver reads.
CREATE TABLE message_renderings (
  message_id TEXT NOT NULL REFERENCES messages (id),
  lang TEXT NOT NULL CHECK (lang IN ('nl', 'en')),
  template_id TEXT NOT NULL,
  template_version TEXT NOT NULL,
  subject TEXT NOT NULL,
  html TEXT NOT NULL,
  text TEXT NOT NULL,
  status_page_markdown TEXT NOT NULL,
  PRIMARY KEY (message_id, lang)
) STRICT, WITHOUT ROWID;

-- The audience at the last submit; frozen with the approval (it is part of the hash).
CREATE TABLE message_audience (
  message_id TEXT NOT NULL REFERENCES messages (id),
  address TEXT NOT NULL COLLATE NOCASE,
  contact_id TEXT NOT NULL,
  lang TEXT NOT NULL CHECK (lang IN ('nl', 'en')),
  PRIMARY KEY (message_id, address)
) STRICT, WITHOUT ROWID;

-- A message is born a draft; no other state can be inserted.
CREATE TRIGGER messages_insert_as_draft BEFORE INSERT ON messages
WHEN NEW.state <> 'draft' OR NEW.submitted_hash IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a message must be inserted as a draft without a submission');
END;

-- The transition table of src/domain/message-lifecycle.ts, once more.
CREATE TRIGGER messages_legal_transitions BEFORE UPDATE OF state ON messages
WHEN NEW.state <> OLD.state AND (OLD.state || '>' || NEW.state) NOT IN (
  'draft>submitted', 'draft>cancelled',
  'submitted>approved', 'submitted>rejected', 'submitted>draft', 'submitted>cancelled',
  'rejected>draft', 'rejected>cancelled',
  'approved>published'
)
BEGIN
  SELECT RAISE(ABORT, 'illegal message state change (see MESSAGE_TRANSITIONS)');
END;

-- Edits only in draft: what goes out cannot change under a pending or given approval.
CREATE TRIGGER messages_content_only_in_draft BEFORE UPDATE ON messages
WHEN OLD.state <> 'draft' AND (
  NEW.subject_kind IS NOT OLD.subject_kind OR NEW.subject_id IS NOT OLD.subject_id
  OR NEW.template_id IS NOT OLD.template_id OR NEW.template_values IS NOT OLD.template_values
  OR NEW.update_status IS NOT OLD.update_status OR NEW.component_changes IS NOT OLD.component_changes
  OR NEW.next_update_at IS NOT OLD.next_update_at OR NEW.drill IS NOT OLD.drill
  OR NEW.author_id IS NOT OLD.author_id
)
BEGIN
  SELECT RAISE(ABORT, 'message content can only change in draft');
END;

-- A drill stays a drill: flipping the flag could turn an exercise into a real send.
CREATE TRIGGER messages_drill_fixed BEFORE UPDATE OF drill ON messages
WHEN NEW.drill IS NOT OLD.drill
BEGIN
  SELECT RAISE(ABORT, 'the drill flag of a message is fixed when it is created');
END;

-- An approved message keeps the submission it was approved on.
CREATE TRIGGER messages_submission_kept_after_approval BEFORE UPDATE ON messages
WHEN OLD.state IN ('approved', 'published') AND (
  NEW.submitted_hash IS NOT OLD.submitted_hash OR NEW.submitted_content IS NOT OLD.submitted_content
  OR NEW.submitted_by IS NOT OLD.submitted_by OR NEW.submitted_at IS NOT OLD.submitted_at
)
BEGIN
  SELECT RAISE(ABORT, 'the submission of an approved message cannot change');
END;

-- "Approved" only with an approval row for exactly this submission.
CREATE TRIGGER messages_approved_needs_approval BEFORE UPDATE OF state ON messages
WHEN NEW.state = 'approved' AND NOT EXISTS (
  SELECT 1 FROM message_approvals a WHERE a.message_id = NEW.id AND a.approval_hash = NEW.submitted_hash
)
BEGIN
  SELECT RAISE(ABORT, 'a message can only become approved with an approval of its submitted hash');
END;

CREATE TRIGGER messages_no_delete BEFORE DELETE ON messages
BEGIN
  SELECT RAISE(ABORT, 'messages are never deleted; cancel them instead');
END;

-- Four-eyes, in the database: the approval's author must be the real author, the approver must
-- not have contributed, and the approval must be of the pending submission.
CREATE TRIGGER message_approvals_four_eyes BEFORE INSERT ON message_approvals
BEGIN
  SELECT RAISE(ABORT, 'approval author_id must be the message author')
  WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = NEW.message_id AND m.author_id = NEW.author_id);
  SELECT RAISE(ABORT, 'four-eyes: someone who wrote, edited or submitted a message cannot approve it')
  WHERE EXISTS (SELECT 1 FROM message_contributors c WHERE c.message_id = NEW.message_id AND c.user_id = NEW.approver_id);
  SELECT RAISE(ABORT, 'only a submitted message can be approved, and only with its submitted hash')
  WHERE NOT EXISTS (
    SELECT 1 FROM messages m
    WHERE m.id = NEW.message_id AND m.state = 'submitted' AND m.submitted_hash = NEW.approval_hash
  );
END;

CREATE TRIGGER message_approvals_no_update BEFORE UPDATE ON message_approvals
BEGIN
  SELECT RAISE(ABORT, 'approvals are never changed');
END;

CREATE TRIGGER message_approvals_no_delete BEFORE DELETE ON message_approvals
BEGIN
  SELECT RAISE(ABORT, 'approvals are never deleted');
END;

-- Removing a contributor would let them approve: contributions are append-only.
CREATE TRIGGER message_contributors_no_update BEFORE UPDATE ON message_contributors
BEGIN
  SELECT RAISE(ABORT, 'message contributors are append-only');
END;

CREATE TRIGGER message_contributors_no_delete BEFORE DELETE ON message_contributors
BEGIN
  SELECT RAISE(ABORT, 'message contributors are append-only');
END;

CREATE TRIGGER message_rejections_no_update BEFORE UPDATE ON message_rejections
BEGIN
  SELECT RAISE(ABORT, 'rejections are never changed');
END;

CREATE TRIGGER message_rejections_no_delete BEFORE DELETE ON message_rejections
BEGIN
  SELECT RAISE(ABORT, 'rejections are never deleted');
END;

-- The snapshot an approver read may change only while nothing is pending on it.
CREATE TRIGGER message_renderings_frozen_insert BEFORE INSERT ON message_renderings
WHEN (SELECT state FROM messages WHERE id = NEW.message_id) <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'renderings can only be replaced while the message is a draft');
END;

CREATE TRIGGER message_renderings_frozen_update BEFORE UPDATE ON message_renderings
BEGIN
  SELECT RAISE(ABORT, 'renderings are replaced, never updated');
END;

CREATE TRIGGER message_renderings_frozen_delete BEFORE DELETE ON message_renderings
WHEN (SELECT state FROM messages WHERE id = OLD.message_id) <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'renderings can only be replaced while the message is a draft');
END;

CREATE TRIGGER message_audience_frozen_insert BEFORE INSERT ON message_audience
WHEN (SELECT state FROM messages WHERE id = NEW.message_id) <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'the audience can only be replaced while the message is a draft');
END;

CREATE TRIGGER message_audience_frozen_update BEFORE UPDATE ON message_audience
BEGIN
  SELECT RAISE(ABORT, 'the audience is replaced, never updated');
END;

CREATE TRIGGER message_audience_frozen_delete BEFORE DELETE ON message_audience
WHEN (SELECT state FROM messages WHERE id = OLD.message_id) <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'the audience can only be replaced while the message is a draft');
END;
