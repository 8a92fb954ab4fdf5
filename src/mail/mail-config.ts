import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { MailboxSchema } from '../domain/contact.ts';
import { UNKNOWN_POLICIES } from '../domain/delivery-status.ts';
import { DEFAULT_EXPIRY_MINUTES } from './retry-policy.ts';

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .optional()
    .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes'].includes(value)));

const count = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const number = Number(value);
      if (!Number.isInteger(number) || number < min || number > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}, got "${value}"` });
        return z.NEVER;
      }
      return number;
    });

/** `Name <address>` or a bare address. */
const SenderSchema = z.string().transform((value, ctx) => {
  const match = /^\s*(?:"?([^"<>]*?)"?\s*<([^<>]+)>|([^<>\s]+))\s*$/.exec(value);
  const address = match?.[2] ?? match?.[3];
  const parsed = MailboxSchema.safeParse(address ?? '');
  if (!match || !parsed.success) {
    ctx.addIssue({ code: 'custom', message: `must be "Name <address>" or an address, e.g. "Storingsdienst Leverancier <storingen@leverancier.nl>"; got "${value}"` });
    return z.NEVER;
  }
  return { name: (match[1] ?? '').trim(), address: parsed.data };
});

/**
 * The e-mail settings, read from the environment. Every variable is documented here; errors name
 * the variable. With no SMTP_URL, mail goes to the local mailbox (capture) under HELDER_DATA_DIR.
 */
export const MailEnvSchema = z
  .object({
    /** smtp://user:password@relay.example.nl:587 or smtps://…:465. Unset: local capture only. */
    SMTP_URL: z
      .string()
      .optional()
      .refine((value) => value === undefined || value === '' || /^smtps?:\/\/[^\s]+$/.test(value), 'must start with smtp:// or smtps://'),
    /** Parallel SMTP connections (and deliveries in flight). */
    SMTP_POOL_SIZE: count(5, 1, 50),
    /** Messages per second; 0 = as fast as the server takes them. */
    SMTP_RATE_LIMIT: count(0, 0, 10_000),
    /** Refuse to send unless the server offers STARTTLS. */
    SMTP_REQUIRE_TLS: flag(false),
    /** Set to false only for a test relay with a self-signed certificate. */
    SMTP_TLS_REJECT_UNAUTHORIZED: flag(true),
    SMTP_CONNECTION_TIMEOUT_MS: count(10_000, 100, 300_000),
    SMTP_GREETING_TIMEOUT_MS: count(10_000, 100, 300_000),
    SMTP_SOCKET_TIMEOUT_MS: count(60_000, 100, 600_000),
    /** The sender, e.g. "Storingsdienst Leverancier <storingen@leverancier.nl>". */
    MAIL_FROM: SenderSchema.optional(),
    MAIL_REPLY_TO: SenderSchema.optional(),
    /** DKIM signing: all three or none. The key file is PEM. */
    DKIM_DOMAIN: z.string().optional(),
    DKIM_SELECTOR: z.string().optional(),
    DKIM_PRIVATE_KEY_FILE: z.string().optional(),
    /** Minutes after approval after which undelivered copies expire (default 6 hours). */
    DELIVERY_EXPIRY_MINUTES: count(DEFAULT_EXPIRY_MINUTES, 5, 7 * 24 * 60),
    /** "hold" (default): show the operator; "retry_once": one retry with the same Message-ID. */
    DELIVERY_UNKNOWN_POLICY: z.enum(UNKNOWN_POLICIES, { error: 'must be "hold" or "retry_once"' }).default('hold'),
    /** Where recipients reach this server: unsubscribe links point here, e.g. https://status.leverancier.nl */
    HELDER_SERVER_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://status.leverancier.nl' }).default('http://localhost:4321'),
    HELDER_DATA_DIR: z.string().min(1).default('data'),
    /** "drill": the whole instance is a training environment; every send is captured. */
    HELDER_MODE: z.enum(['live', 'drill'], { error: 'must be "live" or "drill"' }).default('live'),
  })
  .superRefine((env, ctx) => {
    const dkim = [env.DKIM_DOMAIN, env.DKIM_SELECTOR, env.DKIM_PRIVATE_KEY_FILE].filter(Boolean).length;
    if (dkim !== 0 && dkim !== 3) {
      ctx.addIssue({ code: 'custom', path: ['DKIM_DOMAIN'], message: 'set DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE together, or none of them' });
    }
    if (env.SMTP_URL && !env.MAIL_FROM) {
      ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'is required when SMTP_URL is set, e.g. "Storingsdienst Leverancier <storingen@leverancier.nl>"' });
    }
  });

export interface MailConfig {
  smtp: {
    url: string;
    poolSize: number;
    ratePerSecond: number;
    requireTls: boolean;
    tlsRejectUnauthorized: boolean;
    timeoutsMs: { connection: number; greeting: number; socket: number };
  } | null;
  /** Deliveries in flight at once (the SMTP pool size; also used for the capture). */
  concurrency: number;
  from: { name: string; address: string };
  replyTo: { name: string; address: string } | null;
  dkim: { domainName: string; keySelector: string; privateKey: string } | null;
  expiryMinutes: number;
  unknownPolicy: (typeof UNKNOWN_POLICIES)[number];
  serverUrl: string;
  dataDir: string;
  drillMode: boolean;
}

export class MailConfigError extends Error {
  constructor(problems: string[]) {
    super(`The e-mail settings are invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'MailConfigError';
  }
}

/** Reads and checks the e-mail settings; throws a MailConfigError naming each bad variable. */
export function readMailConfig(env: Record<string, string | undefined> = process.env): MailConfig {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = MailEnvSchema.safeParse(blankless);
  if (!parsed.success) {
    throw new MailConfigError(parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'mail settings')}: ${issue.message}`));
  }
  const value = parsed.data;
  let privateKey = '';
  if (value.DKIM_PRIVATE_KEY_FILE) {
    try {
      privateKey = readFileSync(value.DKIM_PRIVATE_KEY_FILE, 'utf8');
    } catch (error) {
      throw new MailConfigError([`DKIM_PRIVATE_KEY_FILE: cannot read "${value.DKIM_PRIVATE_KEY_FILE}": ${(error as Error).message}`]);
    }
    if (!privateKey.includes('PRIVATE KEY')) throw new MailConfigError([`DKIM_PRIVATE_KEY_FILE: "${value.DKIM_PRIVATE_KEY_FILE}" is not a PEM private key`]);
  }
  return {
    smtp: value.SMTP_URL
      ? {
          url: value.SMTP_URL,
          poolSize: value.SMTP_POOL_SIZE,
          ratePerSecond: value.SMTP_RATE_LIMIT,
          requireTls: value.SMTP_REQUIRE_TLS,
          tlsRejectUnauthorized: value.SMTP_TLS_REJECT_UNAUTHORIZED,
          timeoutsMs: { connection: value.SMTP_CONNECTION_TIMEOUT_MS, greeting: value.SMTP_GREETING_TIMEOUT_MS, socket: value.SMTP_SOCKET_TIMEOUT_MS },
        }
      : null,
    concurrency: value.SMTP_POOL_SIZE,
    from: value.MAIL_FROM ?? { name: 'Helder (lokaal)', address: 'noreply@helder.invalid' },
    replyTo: value.MAIL_REPLY_TO ?? null,
    dkim: value.DKIM_DOMAIN ? { domainName: value.DKIM_DOMAIN, keySelector: value.DKIM_SELECTOR!, privateKey } : null,
    expiryMinutes: value.DELIVERY_EXPIRY_MINUTES,
    unknownPolicy: value.DELIVERY_UNKNOWN_POLICY,
    serverUrl: value.HELDER_SERVER_URL.replace(/\/+$/, ''),
    dataDir: value.HELDER_DATA_DIR,
    drillMode: value.HELDER_MODE === 'drill',
  };
}
