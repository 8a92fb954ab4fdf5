import { z } from 'zod';

/** Lower-case words joined by hyphens: stable, URL-safe, and safe as a file-name part. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SlugSchema = z.string().regex(SLUG_PATTERN).max(80);

/** A municipality's CBS code ("gemeentecode"), e.g. GM0344 for Utrecht. */
export const MUNICIPALITY_ID_PATTERN = /^GM\d{4}$/;
export const MunicipalityIdSchema = z.string().regex(MUNICIPALITY_ID_PATTERN);

/** An instant with an explicit offset, e.g. "2026-10-03T08:15:00Z" or "2026-10-03T10:15:00+02:00". */
export const TimestampSchema = z
  .iso.datetime({ offset: true })
  .transform((value) => new Date(value));

/**
 * Options for cross-field refinements: run them only on an otherwise valid value. Zod would run
 * them after non-fatal field errors too, when a timestamp may still be an unparsed string.
 */
export const WHEN_WELL_FORMED = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };
