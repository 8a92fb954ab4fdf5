import { z } from 'zod';
import { stripBidiControls } from './bidi.ts';
import { MunicipalityIdSchema } from './ids.ts';
import { problem } from './problems.ts';

/**
 * Channels: chat and webhook destinations that approved messages reach beside mail. Microsoft
 * Teams (a Workflows incoming-webhook URL, Adaptive Card), Slack (incoming webhook, Block Kit) and
 * generic webhooks signed per the Standard Webhooks specification. A destination belongs to one
 * municipality (CBS code) or is vendor-wide (null) and then receives every approved message.
 */
export const CHANNEL_KINDS = ['teams', 'slack', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

// Loopback receivers (tests, a consumer on the same host) may use plain http: nothing leaves the machine.
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * A destination URL: https (or http on loopback), no user name or password in it. The URL itself
 * is a secret (whoever has a Teams or Slack webhook URL can post to the channel).
 */
export const ChannelUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', ...problem('invalid_url') });
      return;
    }
    if (url.username || url.password) ctx.addIssue({ code: 'custom', ...problem('no_credentials_in_url') });
    else if (!(url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)))) {
      ctx.addIssue({ code: 'custom', ...problem('invalid_url') });
    }
  });

/** What the beheerder registers. */
export const ChannelDestinationInputSchema = z.strictObject({
  kind: z.enum(CHANNEL_KINDS),
  name: z
    .string()
    .overwrite(stripBidiControls)
    .trim()
    .min(1)
    .max(200)
    .refine((value) => !/[\r\n]/.test(value), problem('single_line')),
  /** A CBS code, or null for the vendor-wide destination. */
  municipality: MunicipalityIdSchema.nullable(),
  url: ChannelUrlSchema,
});
export type ChannelDestinationInput = z.infer<typeof ChannelDestinationInputSchema>;

/** A registered destination as the store keeps it. */
export interface ChannelDestination {
  id: number;
  kind: ChannelKind;
  name: string;
  municipality: string | null;
  url: string;
  /** "whsec_" + base64 of 32 random bytes; generic webhooks only. */
  secret: string | null;
  createdAt: Date;
  createdBy: string;
  removedAt: Date | null;
}

/**
 * The URL as a person may see it: scheme and host only, the path (which holds the secret token of
 * Teams and Slack webhooks) replaced by an ellipsis and its last four characters.
 */
export function maskChannelUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const rest = `${parsed.pathname}${parsed.search}`;
    return `${parsed.protocol}//${parsed.host}/…${rest.length > 12 ? rest.slice(-4) : ''}`;
  } catch {
    return '…';
  }
}

/** The destinations a message concerning these municipalities goes to: theirs, and the vendor-wide ones. */
export function destinationsFor<T extends Pick<ChannelDestination, 'municipality' | 'removedAt'>>(destinations: readonly T[], municipalities: readonly string[]): T[] {
  const concerned = new Set(municipalities);
  return destinations.filter((destination) => destination.removedAt === null && (destination.municipality === null || concerned.has(destination.municipality)));
}

/**
 * What every channel message of one approved message says, frozen at approval. The payload of
 * each destination (Adaptive Card, Block Kit, webhook JSON) is built from this and nothing else.
 */
export const ChannelContentSchema = z.strictObject({
  messageId: z.string(),
  subject: z.strictObject({ kind: z.enum(['incident', 'maintenance']), id: z.string() }),
  /** The Dutch mail subject: the title every channel shows. */
  title: z.string(),
  /** The status-page text of this update (Markdown, Dutch). */
  body: z.string(),
  status: z.string(),
  products: z.array(z.strictObject({ id: z.string(), name: z.string(), status: z.string().nullable() })),
  municipalities: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  /** "What to do meanwhile": the workaround the message carries, if any. */
  meanwhile: z.string().nullable(),
  nextUpdateAt: z.string().nullable(),
  /** The public page of the incident or maintenance. */
  link: z.string(),
  approvedAt: z.string(),
  drill: z.boolean(),
  /** The "test" button's message: it says so, and a webhook gets type "test". */
  test: z.boolean(),
});
export type ChannelContent = z.infer<typeof ChannelContentSchema>;
