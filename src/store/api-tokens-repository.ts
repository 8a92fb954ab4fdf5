import type { Database } from './database.ts';
import { prepared } from './prepared-statements.ts';

export interface ApiTokenRecord {
  id: number;
  name: string;
  scope: 'signals';
  createdAt: Date;
  createdByName: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedByName: string | null;
}

interface TokenRow {
  id: number;
  name: string;
  scope: 'signals';
  created_at: string;
  created_by_name: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by_name: string | null;
}

const date = (value: string | null) => (value === null ? null : new Date(value));

function tokenFromRow(row: TokenRow): ApiTokenRecord {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    createdAt: new Date(row.created_at),
    createdByName: row.created_by_name,
    lastUsedAt: date(row.last_used_at),
    revokedAt: date(row.revoked_at),
    revokedByName: row.revoked_by_name,
  };
}

/** Stores a token's hash; false when an active token already has this name. */
export function insertApiToken(db: Database, token: { name: string; scope: 'signals'; tokenHash: string; at: Date; byName: string }): number | null {
  const { changes, lastInsertRowid } = prepared(
    db, 'INSERT INTO api_tokens (name, scope, token_hash, created_at, created_by_name) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
    .run(token.name, token.scope, token.tokenHash, token.at.toISOString(), token.byName);
  return Number(changes) === 1 ? Number(lastInsertRowid) : null;
}

/** The active token with this hash, or null (unknown or revoked). */
export function findActiveTokenByHash(db: Database, tokenHash: string): ApiTokenRecord | null {
  const row = prepared(db, 'SELECT * FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL').get(tokenHash) as unknown as TokenRow | undefined;
  return row ? tokenFromRow(row) : null;
}

export function findActiveTokenByName(db: Database, name: string): ApiTokenRecord | null {
  const row = prepared(db, 'SELECT * FROM api_tokens WHERE name = ? AND revoked_at IS NULL').get(name) as unknown as TokenRow | undefined;
  return row ? tokenFromRow(row) : null;
}

/** Every token, active first, then by name. */
export function listApiTokens(db: Database): ApiTokenRecord[] {
  const rows = prepared(db, 'SELECT * FROM api_tokens ORDER BY revoked_at IS NOT NULL, name, id').all() as unknown as TokenRow[];
  return rows.map(tokenFromRow);
}

export function revokeApiToken(db: Database, id: number, at: Date, byName: string): boolean {
  const { changes } = prepared(db, 'UPDATE api_tokens SET revoked_at = ?, revoked_by_name = ? WHERE id = ? AND revoked_at IS NULL').run(at.toISOString(), byName, id);
  return Number(changes) === 1;
}

/** Notes the last use, at most once a minute per token (an API client may post hundreds a second). */
export function touchApiToken(db: Database, id: number, at: Date): void {
  prepared(db, "UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)").run(at.toISOString(), id, new Date(at.getTime() - 60_000).toISOString());
}
