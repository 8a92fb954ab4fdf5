import { z } from 'zod';
import { MunicipalityIdSchema, SlugSchema } from './ids.ts';
import { problem } from './problems.ts';
import type { ProblemCode } from './refusal.ts';
import { LANGUAGES } from './vocabulary.ts';
import { stripBidiControls } from './bidi.ts';

// dot-atom local part and a DNS host name with a letter TLD: deliberately narrower than RFC 5322,
// so quoted local parts, comments, IP literals and display names never reach an SMTP envelope.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/** Why a value is not exactly one plain mailbox (a problem code), or null when it is one. */
export function mailboxProblem(value: string): ProblemCode | null {
  if (/[\r\n]/.test(value)) return 'single_line';
  if (value.length === 0) return 'required';
  if (/[<>"]/.test(value)) return 'mailbox_bare_address';
  if (/[,;]/.test(value) || (value.match(/@/g) ?? []).length > 1) return 'one_mailbox';
  if (value.length > 254) return 'invalid_email';
  const at = value.lastIndexOf('@');
  if (/\s/.test(value) || at < 1) return 'invalid_email';
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local) || !DOMAIN.test(domain)) return 'invalid_email';
  return null;
}

/**
 * Exactly one mailbox, e.g. "servicedesk@gemeente.nl". Refuses lists ("a@x.nl, b@y.nl"),
 * display names ("Servicedesk <a@x.nl>") and line breaks, which would otherwise let one contact
 * row address several people or inject headers. Surrounding spaces are trimmed.
 */
export const MailboxSchema = z
  .string()
  .transform((value) => value.replace(/^[ \t]+|[ \t]+$/g, ''))
  .superRefine((value, ctx) => {
    const code = mailboxProblem(value);
    if (code) ctx.addIssue({ code: 'custom', ...problem(code) });
  });

/** The key two addresses are compared by: the whole address in lower case. */
export function mailboxKey(address: string): string {
  return address.toLowerCase();
}

export const CONTACT_LANGUAGES = LANGUAGES;

/** Which products a contact wants messages about. */
export const ContactProductsSchema = z.union([
  z.literal('all'),
  z.array(SlugSchema).min(1),
]);
export type ContactProducts = z.infer<typeof ContactProductsSchema>;

/**
 * A person or functional mailbox at a municipality who receives approved messages, e.g. the
 * servicedesk of Gemeente Utrecht or the application manager for the civil-registry product.
 */
export const ContactSchema = z.strictObject({
  municipality: MunicipalityIdSchema,
  /** Name of the person or the mailbox, e.g. "Servicedesk Burgerzaken". */
  name: z.string().overwrite(stripBidiControls).trim().min(1).max(120).refine((value) => !/[\r\n]/.test(value), problem('single_line')),
  email: MailboxSchema,
  /** Free text, e.g. "applicatiebeheerder" or "servicedesk". */
  role: z.string().trim().max(80).refine((value) => !/[\r\n]/.test(value), problem('single_line')).default(''),
  /** Language of the messages this contact receives. */
  language: z.enum(CONTACT_LANGUAGES).default('nl'),
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
