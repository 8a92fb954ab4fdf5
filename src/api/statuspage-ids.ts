import { createHash } from 'node:crypto';

/**
 * Statuspage object ids are 12 lower-case letters and digits. We derive them from our own ids
 * with a namespaced hash: the same content always yields the same id (clients may store them),
 * ids look like the ones existing clients expect, and a group and a product that happen to share
 * a slug can never collide.
 */
export type ApiIdKind = 'component' | 'group' | 'incident' | 'incident_update' | 'maintenance' | 'maintenance_update';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export function apiId(kind: ApiIdKind, ...parts: readonly string[]): string {
  const digest = createHash('sha256').update(['helder', kind, ...parts].join('\u0000')).digest();
  let id = '';
  // 12 bytes mapped onto 36 symbols: the tiny modulo bias is irrelevant for identifiers.
  for (let index = 0; index < 12; index += 1) id += ALPHABET[digest[index]! % ALPHABET.length];
  return id;
}

/**
 * Ids for a list of updates, keyed by their publication time. Two updates published in the same
 * millisecond get a counter, so ids stay stable when later updates are appended.
 */
export function updateIds(kind: 'incident_update' | 'maintenance_update', parentId: string, updates: readonly { at: Date }[]): string[] {
  const seen = new Map<string, number>();
  return updates.map((update) => {
    const at = update.at.toISOString();
    const occurrence = seen.get(at) ?? 0;
    seen.set(at, occurrence + 1);
    return occurrence === 0 ? apiId(kind, parentId, at) : apiId(kind, parentId, at, String(occurrence));
  });
}
