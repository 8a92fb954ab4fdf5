import type { SQLInputValue } from 'node:sqlite';
import { ROLES, type Role } from '../auth/roles.ts';
import type { Database } from './database.ts';

export interface User {
  id: number;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
  demo: boolean;
  createdAt: Date;
  passwordChangedAt: Date;
  disabledAt: Date | null;
}

/** A user together with the stored password hash; only sign-in and password changes need it. */
export interface UserWithPassword extends User {
  passwordHash: string;
}

interface UserRow {
  id: number;
  email: string;
  name: string;
  password_hash: string;
  active: number;
  demo: number;
  created_at: string;
  password_changed_at: string;
  disabled_at: string | null;
  roles: string | null;
}

// Roles come back as one comma-joined column, so a user and their roles are read in one query.
const SELECT_USERS = `
  SELECT users.*, (SELECT group_concat(role, ',') FROM (SELECT role FROM user_roles WHERE user_id = users.id ORDER BY role)) AS roles
  FROM users`;

function userFromRow(row: UserRow): UserWithPassword {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles ? (row.roles.split(',') as Role[]).sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)) : [],
    active: row.active === 1,
    demo: row.demo === 1,
    createdAt: new Date(row.created_at),
    passwordChangedAt: new Date(row.password_changed_at),
    disabledAt: row.disabled_at === null ? null : new Date(row.disabled_at),
    passwordHash: row.password_hash,
  };
}

function withoutPassword(user: UserWithPassword): User {
  const { passwordHash: _passwordHash, ...rest } = user;
  return rest;
}

export function insertUser(
  db: Database,
  input: { email: string; name: string; passwordHash: string; roles: readonly Role[]; demo?: boolean; at: Date },
): User {
  const at = input.at.toISOString();
  const { lastInsertRowid } = db
    .prepare('INSERT INTO users (email, name, password_hash, demo, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(input.email, input.name, input.passwordHash, input.demo ? 1 : 0, at, at);
  const id = Number(lastInsertRowid);
  replaceUserRoles(db, id, input.roles);
  return withoutPassword(requireUser(db, id));
}

export function replaceUserRoles(db: Database, userId: number, roles: readonly Role[]): void {
  db.prepare('DELETE FROM user_roles WHERE user_id = ?').run(userId);
  const insert = db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)');
  for (const role of new Set(roles)) insert.run(userId, role);
}

export function findUserByEmail(db: Database, email: string): UserWithPassword | null {
  const row = db.prepare(`${SELECT_USERS} WHERE users.email = ?`).get(email.trim()) as UserRow | undefined;
  return row ? userFromRow(row) : null;
}

export function findUserById(db: Database, id: number): UserWithPassword | null {
  const row = db.prepare(`${SELECT_USERS} WHERE users.id = ?`).get(id) as UserRow | undefined;
  return row ? userFromRow(row) : null;
}

function requireUser(db: Database, id: number): UserWithPassword {
  const user = findUserById(db, id);
  if (!user) throw new Error(`User ${id} does not exist.`);
  return user;
}

export function listUsers(db: Database, filter: { active?: boolean; role?: Role } = {}): User[] {
  const where: string[] = [];
  const params: SQLInputValue[] = [];
  if (filter.active !== undefined) {
    where.push('users.active = ?');
    params.push(filter.active ? 1 : 0);
  }
  if (filter.role !== undefined) {
    where.push('EXISTS (SELECT 1 FROM user_roles WHERE user_id = users.id AND role = ?)');
    params.push(filter.role);
  }
  const sql = `${SELECT_USERS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY users.email`;
  return (db.prepare(sql).all(...params) as unknown as UserRow[]).map((row) => withoutPassword(userFromRow(row)));
}

export function countActiveUsersWithRole(db: Database, role: Role): number {
  const row = db
    .prepare('SELECT count(*) AS n FROM users JOIN user_roles ON user_roles.user_id = users.id WHERE users.active = 1 AND user_roles.role = ?')
    .get(role) as { n: number };
  return row.n;
}

export function setUserActive(db: Database, userId: number, active: boolean, at: Date): void {
  db.prepare('UPDATE users SET active = ?, disabled_at = ? WHERE id = ?').run(active ? 1 : 0, active ? null : at.toISOString(), userId);
}

export function setUserPasswordHash(db: Database, userId: number, passwordHash: string, at: Date): void {
  db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?').run(passwordHash, at.toISOString(), userId);
}

/** Used when only the hash parameters were raised: the password itself did not change. */
export function upgradeUserPasswordHash(db: Database, userId: number, passwordHash: string): void {
  db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
}
