import { z } from 'zod';
import { MunicipalityIdSchema, SlugSchema } from './ids.ts';
import { LANGUAGES } from './vocabulary.ts';

// dot-atom local part and a DNS host name with a letter TLD: deliberately narrower than RFC 5322,
// so quoted local parts, comments, IP literals and display names never reach an SMTP envelope.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/** Why a value is not exactly one plain mailbox, or null when it is one. */
export function mailboxProblem(value: string): string | null {
  if (/[\r\n]/.test(value)) return 'must not contain a line break';
  if (value.length === 0) return 'must not be empty';
  if (/[<>"]/.test(value)) return 'must be a bare address without a display name or angle brackets, e.g. "servicedesk@gemeente.nl"';
  if (/[,;]/.test(value) || (value.match(/@/g) ?? []).length > 1) return 'must be exactly one e-mail address; put each address on its own contact';
  if (/\s/.test(value)) return 'must not contain spaces';
  if (value.length > 254) return 'must be at most 254 characters';
  const at = value.lastIndexOf('@');
  if (at < 1) return 'must be an e-mail address with one "@", e.g. "servicedesk@gemeente.nl"';
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local)) return `has an invalid part before the "@": "${local}"`;
  if (!DOMAIN.test(domain)) return `has an invalid domain: "${domain}"`;
  return null;
}

/**
 * Exactly one mailbox, e.g. "servicedesk@gemeente.nl". Refuses lists ("a@x.nl, b@y.nl"),
 * display names ("Servicedesk <a@x.nl>") and line breaks, which would otherwise let one contact
 * row address several people or inject headers. Surrounding spaces are trimmed.
 */
export const MailboxSchema = z
  .string({ error: 'must be an e-mail address' })
  .transform((value) => value.replace(/^[ \t]+|[ \t]+$/g, ''))
  .superRefine((value, ctx) => {
    const problem = mailboxProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The key two addresses are compared by: the whole address in lower case. */
export function mailboxKey(address: string): string {
  return address.toLowerCase();
}

export const CONTACT_LANGUAGES = LANGUAGES;

/** Which products a contact wants messages about. */
export const ContactProductsSchema = z.union([
  z.literal('all'),
  z.array(SlugSchema).min(1, 'must list at least one product, or be "all"'),
]);
export type ContactProducts = z.infer<typeof ContactProductsSchema>;

/**
 * A person or functional mailbox at a municipality who receives approved messages, e.g. the
 * servicedesk of Gemeente Utrecht or the application manager for the civil-registry product.
 */
export const ContactSchema = z.strictObject({
  municipality: MunicipalityIdSchema,
  /** Name of the person or the mailbox, e.g. "Servicedesk Burgerzaken". */
  name: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters').refine((value) => !/[\r\n]/.test(value), 'must not contain a line break'),
  email: MailboxSchema,
  /** Free text, e.g. "applicatiebeheerder" or "servicedesk". */
  role: z.string().trim().max(80, 'must be at most 80 characters').refine((value) => !/[\r\n]/.test(value), 'must not contain a line break').default(''),
  /** Language of the messages this contact receives. */
  language: z.enum(CONTACT_LANGUAGES, { error: 'must be "nl" or "en"' }).default('nl'),
  products: ContactProductsSchema.default('all'),
  /** Inactive contacts are kept (history, re-activation) but receive nothing. */
  active: z.boolean().default(true),
});
export type Contact = z.infer<typeof ContactSchema>;
export type ContactInput = z.input<typeof ContactSchema>;

/** A contact as stored: with its id and whether it unsubscribed (through a link in a message). */
export interface StoredContact extends Contact {
  id: number;
  unsubscribedAt: Date | null;
}
