import type { Database } from './database.ts';

/** What one person did to another's account; see migrations/0700-separation-of-duties.sql. */
export type AccountChange = 'created' | 'enabled' | 'roles_changed' | 'password_reset';

/** How long changing someone's account bars approving their messages. */
export const CHANGED_AUTHOR_WINDOW_DAYS = 7;
/** How long a change of one's own roles bars approving anything. */
export const OWN_ROLES_WINDOW_HOURS = 24;

/** Records a change; call it inside the transaction that made it. `by` is null for the installation itself. */
export function recordAccountChange(db: Database, input: { userId: number; by: number | null; change: AccountChange; at: Date }): void {
  db.prepare('INSERT INTO account_changes (user_id, changed_by, change, changed_at) VALUES (?, ?, ?, ?)').run(
    input.userId,
    input.by,
    input.change,
    input.at.toISOString(),
  );
}

/** The changes `by` made to `userId`'s account after `since`, oldest first. */
export function accountChangesBy(db: Database, input: { userId: number; by: number; since: Date }): Array<{ change: AccountChange; at: Date }> {
  const rows = db
    .prepare('SELECT change, changed_at FROM account_changes WHERE user_id = ? AND changed_by = ? AND changed_at > ? ORDER BY changed_at, id')
    .all(input.userId, input.by, input.since.toISOString()) as Array<{ change: AccountChange; changed_at: string }>;
  return rows.map((row) => ({ change: row.change, at: new Date(row.changed_at) }));
}

/** When `userId`'s roles last changed after `since`, or null. */
export function lastRolesChange(db: Database, input: { userId: number; since: Date }): Date | null {
  const row = db
    .prepare("SELECT max(changed_at) AS at FROM account_changes WHERE user_id = ? AND change = 'roles_changed' AND changed_at > ?")
    .get(input.userId, input.since.toISOString()) as { at: string | null } | undefined;
  return row?.at ? new Date(row.at) : null;
}
