import type { Language } from './vocabulary.ts';
import type { MessageSubject } from './message-lifecycle.ts';

/**
 * Exactly what an approver approves: every byte that goes out, by mail or on the status page.
 * An approval is bound to the SHA-256 of `canonicalApprovalContent` of this; any difference —
 * a word, the template version, one recipient, the drill flag — gives another hash and voids it.
 */
export interface ApprovalContent {
  messageId: string;
  subject: MessageSubject;
  drill: boolean;
  /** The status-page update: status, product statuses and promised next update (ISO UTC or null). */
  update: {
    status: string;
    components: Readonly<Record<string, string>>;
    nextUpdateAt: string | null;
  };
  renderings: readonly ApprovalRendering[];
  audience: readonly ApprovalRecipient[];
  /** The Teams, Slack and webhook destinations it also goes to (absent or empty: none). */
  channels?: readonly ApprovalChannel[];
}

/** A channel destination as approval binds to it: which one, and what kind and name it had. */
export interface ApprovalChannel {
  id: number;
  kind: string;
  name: string;
}

/** One language's output, rendered with the unsubscribe placeholder (links are personalised later). */
export interface ApprovalRendering {
  lang: Language;
  templateId: string;
  templateVersion: string;
  subject: string;
  html: string;
  text: string;
  statusPageMarkdown: string;
}

export interface ApprovalRecipient {
  contactId: string;
  address: string;
  lang: Language;
}

/** Bumped whenever the serialisation changes, so old hashes can never match new content by accident. */
export const APPROVAL_CONTENT_VERSION = 'helder.approval-content.v1';

/**
 * A canonical text of the content: keys sorted, renderings ordered by language, audience ordered
 * by address (case-insensitively, then contact id). Values are never normalised: a changed space
 * is a changed message.
 */
export function canonicalApprovalContent(content: ApprovalContent): string {
  const ordered = {
    version: APPROVAL_CONTENT_VERSION,
    messageId: content.messageId,
    subject: content.subject,
    drill: content.drill,
    update: content.update,
    renderings: [...content.renderings].sort((a, b) => compareText(a.lang, b.lang)),
    audience: [...content.audience].sort(
      (a, b) => compareText(a.address.toLowerCase(), b.address.toLowerCase()) || compareText(a.address, b.address) || compareText(a.contactId, b.contactId),
    ),
    // Only when there are channels: a message without any keeps the hash it had before channels existed.
    ...(content.channels && content.channels.length > 0 ? { channels: [...content.channels].sort((a, b) => a.id - b.id) } : {}),
  };
  return stableStringify(ordered);
}

/**
 * The parts in which two canonical contents differ, named for people ("audience",
 * "renderings.en.html", "drill"), so a voided approval can say why.
 */
export function changedApprovalParts(before: string, after: string): string[] {
  if (before === after) return [];
  let old: CanonicalShape;
  let now: CanonicalShape;
  try {
    old = JSON.parse(before) as CanonicalShape;
    now = JSON.parse(after) as CanonicalShape;
  } catch {
    return ['content'];
  }
  const changed: string[] = [];
  for (const key of ['version', 'messageId', 'drill', 'audience', 'channels'] as const) {
    if (stableStringify(old[key]) !== stableStringify(now[key])) changed.push(key);
  }
  for (const key of ['subject', 'update'] as const) {
    for (const field of unionKeys(old[key], now[key])) {
      if (stableStringify(old[key]?.[field]) !== stableStringify(now[key]?.[field])) changed.push(`${key}.${field}`);
    }
  }
  const oldByLang = new Map((old.renderings ?? []).map((rendering) => [rendering.lang, rendering]));
  const newByLang = new Map((now.renderings ?? []).map((rendering) => [rendering.lang, rendering]));
  for (const lang of [...new Set([...oldByLang.keys(), ...newByLang.keys()])].sort(compareText)) {
    const a = oldByLang.get(lang);
    const b = newByLang.get(lang);
    if (!a || !b) {
      changed.push(`renderings.${lang}`);
      continue;
    }
    for (const field of unionKeys(a, b)) {
      if (stableStringify(a[field]) !== stableStringify(b[field])) changed.push(`renderings.${lang}.${field}`);
    }
  }
  return changed.length > 0 ? changed : ['content'];
}

type CanonicalShape = {
  version?: unknown;
  messageId?: unknown;
  drill?: unknown;
  audience?: unknown;
  channels?: unknown;
  subject?: Record<string, unknown>;
  update?: Record<string, unknown>;
  renderings?: Array<Record<string, unknown> & { lang: string }>;
};

function unionKeys(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): string[] {
  return [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])].sort(compareText);
}

/** Code-unit order, independent of the locale the process runs in. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON with object keys sorted at every level; undefined members are left out as JSON does. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compareText)) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}
