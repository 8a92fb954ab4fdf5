import { createHash } from 'node:crypto';
import { stableStringify } from '../../domain/approval-hash.ts';
import { chronologicalUpdates, type Incident } from '../../domain/index.ts';
import type { ChangeIncidentInput } from './change-incident.ts';
import type { PostIncidentUpdateInput } from './post-incident-update.ts';
import type { ResolveIncidentInput } from './resolve-incident.ts';
import type { MergeIncidentInput } from './merge-incident.ts';

/**
 * What an approver approves when a change reaches the public page (issue 11, item 4), as one
 * canonical JSON text and its SHA-256. The approval binds to this hash, as a message's approval
 * binds to its rendering and audience: the approver's form carries the hash they read, and an
 * opening is compared with the incident file once more before it goes public.
 */
export const PUBLIC_CHANGE_CONTENT_VERSION = 'helder.public-change.v1';

/** The public parts of an incident's opening: its shape and its first update. */
export interface OpeningContent {
  kind: 'open';
  incident: string;
  drill: boolean;
  title: Incident['title'];
  impact: Incident['impact'];
  components: readonly string[];
  scope: Incident['scope'];
  started_at: string | null;
  workaround: Incident['workaround'] | null;
  update: { status: string; body: unknown; components: Record<string, string>; next_update_at: string | null; burgerbericht: unknown; kcc_script: unknown };
}

export type PublicChangeContent =
  | OpeningContent
  | { kind: 'update'; incident: string; drill: boolean; input: PostIncidentUpdateInput }
  | { kind: 'change'; incident: string; drill: boolean; input: ChangeIncidentInput }
  | { kind: 'resolve'; incident: string; drill: boolean; input: ResolveIncidentInput }
  | { kind: 'merge'; incident: string; drill: boolean; input: MergeIncidentInput };

export function openingContent(incident: Incident): OpeningContent {
  const first = chronologicalUpdates(incident.updates)[0]!;
  return {
    kind: 'open',
    incident: incident.id,
    drill: incident.drill,
    title: incident.title,
    impact: incident.impact,
    components: [...incident.components],
    scope: incident.scope,
    started_at: incident.started_at?.toISOString() ?? null,
    workaround: incident.workaround ?? null,
    update: {
      status: first.status,
      body: first.body,
      components: { ...first.components },
      next_update_at: first.next_update_at?.toISOString() ?? null,
      burgerbericht: first.burgerbericht ?? null,
      kcc_script: first.kcc_script ?? null,
    },
  };
}

/** The canonical text (sorted keys, versioned) and its hash. */
export function canonicalPublicChange(content: PublicChangeContent): { canonical: string; hash: string } {
  const canonical = stableStringify({ version: PUBLIC_CHANGE_CONTENT_VERSION, ...content });
  return { canonical, hash: hashOf(canonical) };
}

/** Reads a stored canonical text back (it was written by canonicalPublicChange). */
export function parsePublicChangeContent(canonical: string): PublicChangeContent & { version: string } {
  return JSON.parse(canonical) as PublicChangeContent & { version: string };
}

/** SHA-256 (hex) of a canonical text: what an approval binds to. */
export function hashOf(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
