import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Refusal } from '../../domain/index.ts';
import { findActiveTokenByHash, findActiveTokenByName, insertApiToken, listApiTokens as listTokenRows, revokeApiToken as revokeTokenRow, touchApiToken, type ApiTokenRecord } from '../../store/api-tokens-repository.ts';
import { transaction } from '../../store/database.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller, type SystemCaller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';

export type { ApiTokenRecord };

/** Tokens start with this, so a leaked one is recognisable (e.g. by secret scanners). */
const TOKEN_PREFIX = 'hld_';
const TOKEN_PATTERN = /^hld_[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export const AddApiTokenInputSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .regex(/^[^\r\n]+$/),
  scope: z.enum(['signals']),
});

/**
 * Creates an API token and returns it ONCE: only its SHA-256 is stored (256 random bits need no
 * slow hash). Names are unique among valid tokens, so "revoke" can name the one meant.
 */
export function addApiToken(ctx: UseCaseContext, caller: Caller, input: z.input<typeof AddApiTokenInputSchema>): { id: number; name: string; token: string } {
  authorise(caller, 'api_token.manage');
  const parsed = parseInput(AddApiTokenInputSchema, input);
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const at = ctx.clock.now();
  return transaction(ctx.db, () => {
    const id = insertApiToken(ctx.db, { name: parsed.name, scope: parsed.scope, tokenHash: hashToken(token), at, byName: caller.name });
    if (id === null) throw new Refusal('api_token_name_taken', { params: { name: parsed.name } });
    audit(ctx, caller, { action: 'api_token_added', subject: { type: 'api_token', id }, details: { name: parsed.name, scope: parsed.scope }, at });
    return { id, name: parsed.name, token };
  });
}

export function listApiTokens(ctx: UseCaseContext, caller: Caller): ApiTokenRecord[] {
  authorise(caller, 'api_token.manage');
  return listTokenRows(ctx.db);
}

/** Revokes the valid token with this name (CLI) or id (admin). */
export function revokeApiToken(ctx: UseCaseContext, caller: Caller, which: { name: string } | { id: number }): ApiTokenRecord {
  authorise(caller, 'api_token.manage');
  const at = ctx.clock.now();
  return transaction(ctx.db, () => {
    const token = 'name' in which ? findActiveTokenByName(ctx.db, which.name.trim()) : listTokenRows(ctx.db).find((row) => row.id === which.id && row.revokedAt === null);
    if (!token || !revokeTokenRow(ctx.db, token.id, at, caller.name)) throw new Refusal('api_token_not_found');
    audit(ctx, caller, { action: 'api_token_revoked', subject: { type: 'api_token', id: token.id }, details: { name: token.name }, at });
    return { ...token, revokedAt: at, revokedByName: caller.name };
  });
}

/**
 * The caller behind an `Authorization: Bearer <token>` value, or null for a missing, malformed,
 * unknown or revoked token (one answer for all: the API says 401 either way).
 */
export function authenticateApiToken(ctx: UseCaseContext, authorization: string | undefined, scope: 'signals'): (SystemCaller & { tokenId: number }) | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match || !TOKEN_PATTERN.test(match[1]!)) return null;
  const token = findActiveTokenByHash(ctx.db, hashToken(match[1]!));
  if (!token || token.scope !== scope) return null;
  // At most one write a minute per token: a busy client's requests then only read here.
  const now = ctx.clock.now();
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= 60_000) touchApiToken(ctx.db, token.id, now);
  return { kind: 'system', name: `API: ${token.name}`, tokenId: token.id };
}
