import { z } from 'zod';
import { problem } from './problems.ts';
import { LocalizedTextSchema } from './localized-text.ts';

const HexColourSchema = z.string().refine((value) => /^#[0-9a-fA-F]{6}$/.test(value), problem('invalid_colour'));

/** The shape of content/site.yaml: who runs this page and how it looks. */
export const SiteSchema = z.strictObject({
  /** Public address of the status page, without trailing slash; used in feeds, the API and e-mails. */
  url: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
  /** Statuspage-style page id: 12 lower-case letters and digits. */
  page_id: z.string().refine((value) => /^[a-z0-9]{12}$/.test(value), problem('invalid_page_id')),
  vendor: z.strictObject({
    name: z.string().trim().min(1),
    /** The vendor's own website. */
    url: z.url({ protocol: /^https$/ }).optional(),
    /** Public support address shown on the page (a functional mailbox, not a person). */
    support_email: z.email().optional(),
    support_phone: z.string().optional(),
  }),
  /** Page title, e.g. "Status van Voorbeeld Software". */
  title: LocalizedTextSchema,
  brand: z.strictObject({
    /** Header and link accent; must reach 4.5:1 contrast with white. */
    primary: HexColourSchema,
    /** Text colour on the primary colour. */
    on_primary: HexColourSchema.default('#ffffff'),
    /** Primary colour for dark mode; must reach 4.5:1 against the dark background. */
    primary_dark: HexColourSchema.optional(),
  }),
});
export type Site = z.infer<typeof SiteSchema>;
