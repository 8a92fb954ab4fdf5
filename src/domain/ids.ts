import { z } from 'zod';

/** Lower-case words joined by hyphens: stable, URL-safe, and safe as a file-name part. */
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens, e.g. "burgerzaken-brp"')
  .max(80, 'must be at most 80 characters');

/** A municipality's CBS code ("gemeentecode"), e.g. GM0344 for Utrecht. */
export const MunicipalityIdSchema = z
  .string()
  .regex(/^GM\d{4}$/, 'must be a CBS municipality code: "GM" followed by four digits, e.g. "GM0344"');

/** An instant with an explicit offset, e.g. "2026-10-03T08:15:00Z" or "2026-10-03T10:15:00+02:00". */
export const TimestampSchema = z
  .iso.datetime({ offset: true, error: 'must be a date and time with offset, e.g. "2026-10-03T08:15:00Z"' })
  .transform((value) => new Date(value));

/**
 * Options for cross-field refinements: run them only on an otherwise valid value. Zod would run
 * them after non-fatal field errors too, when a timestamp may still be an unparsed string.
 */
export const WHEN_WELL_FORMED = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };
