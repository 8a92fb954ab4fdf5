import { z } from 'zod';
import { affectedMunicipalities } from './audience.ts';
import { MailboxSchema, mailboxKey } from './contact.ts';
import { MunicipalityIdSchema, SlugSchema } from './ids.ts';
import type { Municipality } from './municipality.ts';
import type { Scope } from './scope.ts';
import { LANGUAGES, type Language } from './vocabulary.ts';

/** "all", or the chosen CBS codes / product ids (never an empty list: none chosen means all). */
export type Selection = 'all' | readonly string[];

/** How long an unconfirmed subscription request lives before it is deleted. */
export const SUBSCRIPTION_REQUEST_HOURS = 48;

/** A form field that may be absent, given once, or repeated (`gemeente=GM0344&gemeente=GM0193`). */
const repeatable = <T extends z.ZodType<string>>(item: T) =>
  z
    .union([item, z.array(item).max(400)])
    .optional()
    .transform((value): 'all' | string[] => {
      const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
      const unique = [...new Set(list as string[])].sort();
      return unique.length === 0 ? 'all' : unique;
    });

/**
 * What the public subscribe form posts to /abonneren and the manage page saves: the address, the
 * municipalities (CBS codes) and products it wants (none = all), and the language of its mail.
 * The field names are the form's contract.
 */
export const SubscriptionFormSchema = z.strictObject({
  email: MailboxSchema,
  gemeente: repeatable(MunicipalityIdSchema),
  product: repeatable(SlugSchema),
  taal: z.enum(LANGUAGES).default('nl'),
});
export type SubscriptionForm = z.output<typeof SubscriptionFormSchema>;

/** The manage page's form: the same choices without the address (the link identifies it). */
export const SubscriptionChoicesSchema = SubscriptionFormSchema.omit({ email: true });
export type SubscriptionChoices = z.output<typeof SubscriptionChoicesSchema>;

export interface Subscriber {
  id: number;
  email: string;
  language: Language;
  municipalities: Selection;
  products: Selection;
  confirmedAt: Date;
}

/** Whether a selection includes a value ("all" includes everything). */
export function selects(selection: Selection, value: string): boolean {
  return selection === 'all' || selection.includes(value);
}

/**
 * The subscribers who receive a message about an incident or maintenance: those who chose at
 * least one affected municipality (or all) and at least one affected product (or all). Sorted by
 * address, deduplicated like contacts.
 */
export function selectSubscribers(
  subject: { components: readonly string[]; scope: Scope },
  municipalities: readonly Municipality[],
  subscribers: readonly Subscriber[],
): Subscriber[] {
  const affected = affectedMunicipalities(subject, municipalities).map((municipality) => municipality.id);
  if (affected.length === 0) return [];
  return subscribers
    .filter((subscriber) => affected.some((id) => selects(subscriber.municipalities, id)))
    .filter((subscriber) => subject.components.some((product) => selects(subscriber.products, product)))
    .sort((a, b) => (mailboxKey(a.email) < mailboxKey(b.email) ? -1 : mailboxKey(a.email) > mailboxKey(b.email) ? 1 : 0));
}

/**
 * A subscriber's place in an approved audience: "s<id>" where a contact has its numeric id, so the
 * outbox gives the delivery the subscriber's own manage and unsubscribe links.
 */
export function subscriberRecipientId(id: number): string {
  return `s${id}`;
}

/** The subscriber id of an audience entry, or null when it is a contact. */
export function subscriberIdOf(recipientId: string): number | null {
  const match = /^s([1-9]\d{0,15})$/.exec(recipientId);
  return match ? Number(match[1]) : null;
}
