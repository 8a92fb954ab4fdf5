import { z } from 'zod';
import { problem } from './problems.ts';
import { SlugSchema } from './ids.ts';
import { LocalizedTextSchema, type LocalizedText } from './localized-text.ts';
import type { IncidentStatus, Language } from './vocabulary.ts';

/**
 * Continuity guidance ("continuïteitswijzer"): per product, what a municipality can do while the
 * product is down, what it tells residents, and what it does once the product works again. Kept
 * as content/guidance/<name>.md so the vendor versions it with git like every other public text;
 * messages take their ready-made texts for residents and the KCC from it.
 */

/** A burgerbericht fits a social-media post and a short website notice. */
export const BURGERBERICHT_MAX_LENGTH = 600;

/**
 * Things people type where a value still has to be filled in: "[gemeente]", "{datum}", "<naam>",
 * "XXX". A burgerbericht is pasted as it is, so it may hold none of them.
 */
const PLACEHOLDER = /[[\]{}<>]|\bX{2,}\b|\.{3}|…/;

function checkLength(text: string, ctx: z.RefinementCtx, path: PropertyKey[]): void {
  const length = [...text.trim()].length;
  if (length > BURGERBERICHT_MAX_LENGTH) {
    ctx.addIssue({ code: 'custom', path, ...problem('too_long', { maximum: BURGERBERICHT_MAX_LENGTH, length }) });
  }
}

function checkPlaceholders(text: string, ctx: z.RefinementCtx, path: PropertyKey[]): void {
  const placeholder = PLACEHOLDER.exec(text);
  if (placeholder) {
    ctx.addIssue({ code: 'custom', path, ...problem('looks_like_placeholder', { found: placeholder[0] }) });
  }
}

function eachLanguage(check: (text: string, ctx: z.RefinementCtx, path: PropertyKey[]) => void) {
  return (value: LocalizedText, ctx: z.RefinementCtx) => {
    if (typeof value === 'string') return check(value, ctx, []);
    check(value.nl, ctx, ['nl']);
    if (value.en !== undefined) check(value.en, ctx, ['en']);
  };
}

/**
 * The short text for residents a municipality can paste on its website and social media: plain
 * Dutch (B1), no Markdown, at most BURGERBERICHT_MAX_LENGTH characters per language. A message's
 * burgerbericht is checked for this length by the template engine before approval, so an
 * approved message always fits its incident update.
 */
export const BurgerberichtSchema = LocalizedTextSchema.superRefine(eachLanguage(checkLength));

/**
 * The vendor's default burgerbericht in the guidance must moreover be ready to paste: no
 * placeholders left for someone to fill in under pressure.
 */
const GuidanceBurgerberichtSchema = LocalizedTextSchema.superRefine(eachLanguage(checkLength)).superRefine(eachLanguage(checkPlaceholders));

/** The two ready-made texts, one version for while a product is down and one for after recovery. */
const PhasedBurgerberichtSchema = z.strictObject({ during: GuidanceBurgerberichtSchema, after: GuidanceBurgerberichtSchema });
const PhasedScriptSchema = z.strictObject({ during: LocalizedTextSchema, after: LocalizedTextSchema });

/** The front matter of content/guidance/<name>.md. Every text is Markdown unless said otherwise. */
export const GuidanceFrontmatterSchema = z.strictObject({
  /** Id of the product (component) this guidance is for. */
  product: SlugSchema,
  /** When the vendor last checked this guidance with municipalities, e.g. "2026-11-02". */
  reviewed: z.iso.date(),
  /** What stops working for staff and residents when the product is down. */
  summary: LocalizedTextSchema,
  /** While the product is down. */
  during: z.strictObject({
    /** The fallback procedure: how to keep serving residents without the product. */
    fallback: LocalizedTextSchema,
    /** Paper forms and registers to use meanwhile. */
    forms: LocalizedTextSchema,
    /** Legal deadlines: which ones move and which ones do not. */
    deadlines: LocalizedTextSchema,
    /** Which processes can wait until the product works again. */
    can_wait: LocalizedTextSchema,
  }),
  /** What the municipality tells residents, as advice to the municipality. */
  residents: LocalizedTextSchema,
  /** Once it works again. */
  after: z.strictObject({
    /** Working off the backlog: what first, what to re-enter. */
    backlog: LocalizedTextSchema,
    /** What to check again: records made on paper, half-finished transactions, residents to call back. */
    checks: LocalizedTextSchema,
  }),
  /** Default burgerbericht of every message about this product: plain text, see BurgerberichtSchema. */
  burgerbericht: PhasedBurgerberichtSchema,
  /** Default script for the municipality's klantcontactcentrum (KCC) phone agents. */
  kcc_script: PhasedScriptSchema,
});
export type GuidanceFrontmatter = z.infer<typeof GuidanceFrontmatterSchema>;

/** Continuity guidance for one product, as loaded from content/guidance/. */
export type ProductGuidance = GuidanceFrontmatter;

/** Ongoing incident: what to do now. Resolved: what to do now that it works again. */
export type ContinuityPhase = 'during' | 'after';

export function continuityPhase(status: IncidentStatus): ContinuityPhase {
  return status === 'resolved' ? 'after' : 'during';
}

/**
 * The ready-made texts a published message carries, stored on its incident update so the
 * incident page shows exactly what the municipalities received.
 */
export const ReadyTextFields = {
  /** Text for residents (plain, at most 600 characters), as sent with this update. */
  burgerbericht: BurgerberichtSchema.optional(),
  /** Script for the municipality's KCC phone agents (Markdown), as sent with this update. */
  kcc_script: LocalizedTextSchema.optional(),
};

export interface ReadyTexts {
  burgerbericht?: LocalizedText;
  kcc_script?: LocalizedText;
}

/** A ready-made text and where it came from: a published message, or the product's guidance. */
export interface SourcedText {
  text: LocalizedText;
  source: 'message' | 'guidance';
}

export interface IncidentReadyTexts {
  phase: ContinuityPhase;
  burgerbericht: SourcedText | null;
  kccScript: SourcedText | null;
}

/** The guidance of each product, in the order given; products without guidance are left out. */
export function guidanceFor(guidance: readonly ProductGuidance[], productIds: readonly string[]): ProductGuidance[] {
  const byProduct = new Map(guidance.map((entry) => [entry.product, entry]));
  return productIds.map((id) => byProduct.get(id)).filter((entry): entry is ProductGuidance => entry !== undefined);
}

/**
 * The texts a product's guidance offers for a phase. The burgerbericht is the first product's
 * (incidents list their main product first; two texts glued together would repeat the opening
 * and exceed the length a resident reads); the KCC script covers every product, each under its
 * name, because an agent must be able to answer about all of them.
 */
export function guidanceReadyTexts(
  guidance: readonly ProductGuidance[],
  products: ReadonlyArray<{ id: string; name: string }>,
  phase: ContinuityPhase,
): { burgerbericht: LocalizedText | null; kcc_script: LocalizedText | null } {
  const entries = guidanceFor(
    guidance,
    products.map((product) => product.id),
  );
  if (entries.length === 0) return { burgerbericht: null, kcc_script: null };
  const burgerbericht = entries[0]!.burgerbericht[phase];
  if (entries.length === 1) return { burgerbericht, kcc_script: entries[0]!.kcc_script[phase] };
  const nameOf = new Map(products.map((product) => [product.id, product.name]));
  const joined = (lang: Language): string | null => {
    const parts: string[] = [];
    for (const entry of entries) {
      const script = entry.kcc_script[phase];
      const text = typeof script === 'string' ? (lang === 'nl' ? script : null) : lang === 'nl' ? script.nl : (script.en ?? null);
      if (text === null) return null;
      parts.push(`**${nameOf.get(entry.product) ?? entry.product}**\n\n${text.trim()}`);
    }
    return parts.join('\n\n');
  };
  const nl = joined('nl')!;
  const en = joined('en');
  return { burgerbericht, kcc_script: en ? { nl, en } : nl };
}

/**
 * The ready-made texts for an incident in a phase: those of the latest published message of that
 * phase, else the products' guidance. After resolution only the resolving update counts, so a
 * text written for the outage can never be shown once the product works again.
 */
export function incidentReadyTexts(
  incident: { updates: ReadonlyArray<{ at: Date; status: IncidentStatus } & ReadyTexts> },
  products: ReadonlyArray<{ id: string; name: string }>,
  guidance: readonly ProductGuidance[],
  phase: ContinuityPhase,
): IncidentReadyTexts {
  const candidates = [...incident.updates]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .filter((update) => (phase === 'after' ? update.status === 'resolved' : update.status !== 'resolved'));
  const defaults = guidanceReadyTexts(guidance, products, phase);
  const pick = (field: keyof ReadyTexts): SourcedText | null => {
    const published = candidates.find((update) => update[field] !== undefined)?.[field];
    if (published !== undefined) return { text: published, source: 'message' };
    const fallback = defaults[field];
    return fallback === null ? null : { text: fallback, source: 'guidance' };
  };
  return { phase, burgerbericht: pick('burgerbericht'), kccScript: pick('kcc_script') };
}

/**
 * The ready-made texts among a message's template values, as they go onto the status page with
 * its update: Dutch values, and English ones where the message has its own.
 */
export function readyTextsFromValues(values: { nl: Readonly<Record<string, unknown>>; en?: Readonly<Record<string, unknown>> | undefined }): ReadyTexts {
  const texts: ReadyTexts = {};
  for (const field of ['burgerbericht', 'kcc_script'] as const) {
    const nl = values.nl[field];
    if (typeof nl !== 'string' || nl.trim() === '') continue;
    const en = values.en?.[field];
    texts[field] = typeof en === 'string' && en.trim() !== '' ? { nl: nl.trim(), en: en.trim() } : nl.trim();
  }
  return texts;
}
