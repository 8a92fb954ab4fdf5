import { existsSync, readFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { z } from 'zod';

/**
 * Every environment variable Helder reads, validated once at start-up. Each field's JSDoc is
 * the user documentation; .env.example repeats it with examples.
 */

// `.env` files often carry `NAME=` for "not set": treat empty as absent so defaults apply.
const optionalText = z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), z.string().trim().optional());

function withDefault(defaultValue: string) {
  return z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), z.string().trim().default(defaultValue));
}

const wholeNumber = (defaultValue: number, min: number, max: number, what: string) =>
  withDefault(String(defaultValue)).pipe(
    z
      .string()
      .regex(/^\d+$/, `must be a whole number (${what}), between ${min} and ${max}`)
      .transform(Number)
      .pipe(z.number().min(min, `must be at least ${min} (${what})`).max(max, `must be at most ${max} (${what})`)),
  );

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .refine((value) => URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol), `must be an http(s) URL (${what}), e.g. "https://status.leverancier.nl"`)
    .transform((value) => value.replace(/\/+$/, ''));

const booleanFlag = (defaultValue: boolean) =>
  withDefault(String(defaultValue)).pipe(
    z
      .string()
      .toLowerCase()
      .refine((value) => ['true', 'false', '1', '0', 'yes', 'no'].includes(value), 'must be "true" or "false"')
      .transform((value) => ['true', '1', 'yes'].includes(value)),
  );

/** A mailbox with optional display name: "Storingen Leverancier <storingen@leverancier.nl>" or a bare address. */
const mailbox = z
  .string()
  .trim()
  .refine((value) => {
    const address = /<([^<>]+)>\s*$/.exec(value)?.[1] ?? value;
    return z.email().safeParse(address.trim()).success && !/[\r\n]/.test(value);
  }, 'must be an e-mail address, optionally with a name: "Storingen Leverancier <storingen@leverancier.nl>"');

export const EnvSchema = z
  .object({
    /** production: real users only, refuses to start without an admin. demo: seeds demo users and prints their passwords. */
    HELDER_ENV: withDefault('demo').pipe(z.enum(['production', 'demo'], 'must be "production" or "demo"')),
    /** live: real outages. drill: the whole instance is a training environment; mail goes to the capture, audit entries are marked drill. */
    HELDER_MODE: withDefault('live').pipe(z.enum(['live', 'drill'], 'must be "live" or "drill"')),
    /** Where the SQLite database (users, drafts, approvals, audit log) and the built sites live. */
    HELDER_DATA_DIR: withDefault('./data'),
    /** The Markdown content (incidents, maintenance, components) the public site is built from. */
    HELDER_CONTENT_DIR: withDefault('./content'),
    HELDER_PORT: wholeNumber(4321, 1, 65_535, 'the TCP port to listen on'),
    /** 127.0.0.1 keeps the server local (put a TLS proxy in front); 0.0.0.0 listens on every interface. */
    HELDER_HOST: withDefault('127.0.0.1'),
    /** Public URL of the status page, used in e-mails and feeds. Default: http://HOST:PORT. */
    HELDER_SITE_URL: optionalText.pipe(httpUrl('the public status page URL').optional()),
    /** Public URL of the admin; its origin is the only one allowed to change anything (CSRF check). https turns on Secure cookies. */
    HELDER_ADMIN_URL: optionalText.pipe(httpUrl('the admin URL').optional()),
    /** true when a reverse proxy in front sets X-Forwarded-For / X-Forwarded-Proto (and it is the only way in). */
    HELDER_TRUST_PROXY: booleanFlag(false),
    /** Incremental publishing: changes rendered by a warm renderer into a copy of the live build (src/publish/warm-renderer.ts); false: a full build every time. */
    HELDER_INCREMENTAL_PUBLISH: booleanFlag(true),
    /** smtp://user:pass@host:587 or smtps://…:465. Absent: mail is captured locally, nothing leaves the machine. */
    SMTP_URL: optionalText.pipe(
      z
        .string()
        .refine((value) => URL.canParse(value) && ['smtp:', 'smtps:'].includes(new URL(value).protocol), 'must be an smtp:// or smtps:// URL, e.g. "smtps://USER:PASSWORD@smtp.leverancier.nl:465"')
        .optional(),
    ),
    SMTP_POOL_SIZE: wholeNumber(5, 1, 50, 'simultaneous SMTP connections'),
    SMTP_RATE_PER_SECOND: wholeNumber(10, 1, 1000, 'messages per second, all connections together'),
    MAIL_FROM: optionalText.pipe(mailbox.optional()),
    MAIL_REPLY_TO: optionalText.pipe(mailbox.optional()),
    DKIM_DOMAIN: optionalText.pipe(z.string().regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/i, 'must be a domain name, e.g. "leverancier.nl"').optional()),
    DKIM_SELECTOR: optionalText.pipe(z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, 'must be a DKIM selector, e.g. "helder2026"').optional()),
    /** Path to the PEM private key; read at start-up so a wrong path fails now, not at the first outage. */
    DKIM_PRIVATE_KEY_FILE: optionalText,
    /** A message not handed to the SMTP server within this many minutes is given up (stale outage news helps nobody). */
    DELIVERY_EXPIRY_MINUTES: wholeNumber(360, 1, 10_080, 'minutes'),
    /** A connection lost after the message data was sent: "hold" for the operator, or "retry_once" with the same Message-ID. */
    DELIVERY_UNKNOWN_POLICY: withDefault('hold').pipe(z.enum(['hold', 'retry_once'], { error: 'must be "hold" or "retry_once"' })),
    /** Refuse to send over a connection that cannot upgrade to TLS (STARTTLS). */
    SMTP_REQUIRE_TLS: booleanFlag(false),
    /** Only for a test server with a self-signed certificate: never turn off in production. */
    SMTP_TLS_REJECT_UNAUTHORIZED: booleanFlag(true),
    /** Customer signals: an alert "mogelijk landelijke storing" when this many municipalities report one product… */
    SIGNAL_ALERT_MUNICIPALITIES: wholeNumber(4, 2, 1000, 'distinct municipalities'),
    /** …within this many minutes. */
    SIGNAL_ALERT_WINDOW_MINUTES: wholeNumber(15, 1, 1440, 'minutes'),
    /** "Lokale storing" when one municipality reports this often within the window. */
    SIGNAL_LOCAL_REPEATS: wholeNumber(3, 2, 1000, 'signals from one municipality'),
    /** A rate this many times the product's 7-day average per window also counts as national. */
    SIGNAL_BASELINE_FACTOR: wholeNumber(10, 2, 1000, 'times the usual rate'),
    /** POST /api/v1/signals: requests per minute per token before 429. */
    SIGNALS_API_RATE_PER_MINUTE: wholeNumber(600, 1, 1_000_000, 'requests per minute per token'),
    /** TOPdesk poller (optional): the TOPdesk address, e.g. "https://leverancier.topdesk.net". */
    TOPDESK_URL: optionalText.pipe(httpUrl('the TOPdesk URL').optional()),
    /** The TOPdesk operator login the application password belongs to. */
    TOPDESK_USERNAME: optionalText,
    /** A TOPdesk application password (never the operator's own password). */
    TOPDESK_APPLICATION_PASSWORD: optionalText,
    /** YAML file mapping TOPdesk categories/objects to products and branches to municipalities. */
    TOPDESK_MAPPING_FILE: optionalText,
    TOPDESK_POLL_SECONDS: wholeNumber(60, 10, 3600, 'seconds between polls'),
    /** Publish target: an S3 bucket (AWS or any S3-compatible store) that receives every good build. Absent: no S3 target. */
    HELDER_S3_BUCKET: optionalText.pipe(z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3–63 lower-case letters, digits, dots, hyphens), e.g. "status-leverancier-nl"').optional()),
    /** Folder inside the bucket, e.g. "status/"; empty: the bucket's root. */
    HELDER_S3_PREFIX: optionalText.pipe(z.string().regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/?$/, 'must be a folder path such as "status/" (letters, digits, . _ - and /)').transform((value) => (value.endsWith('/') ? value : `${value}/`)).optional()),
    /** The S3 region; default us-east-1 (most S3-compatible stores accept any). */
    HELDER_S3_REGION: withDefault('us-east-1').pipe(z.string().regex(/^[a-z0-9-]{2,40}$/, 'must be a region name, e.g. "eu-west-1" or "nl-ams"')),
    /** An S3-compatible store's URL (MinIO, Ceph, a Dutch cloud provider); absent: AWS itself. */
    HELDER_S3_ENDPOINT: optionalText.pipe(httpUrl('the S3-compatible endpoint').optional()),
    /** Access key; absent: the AWS default chain (AWS_ACCESS_KEY_ID, ~/.aws, an instance role). Set both or neither. */
    HELDER_S3_ACCESS_KEY_ID: optionalText,
    HELDER_S3_SECRET_ACCESS_KEY: optionalText,
    /** Publish target: a command run after every good build with HELDER_SITE_DIR set to the build (rclone, rsync, …), through /bin/sh. */
    HELDER_PUBLISH_COMMAND: optionalText,
    HELDER_PUBLISH_COMMAND_TIMEOUT_SECONDS: wholeNumber(600, 5, 86_400, 'seconds the publish command may run'),
    /** true: an incident manager's first "we are investigating" notice goes on the page at once, reviewed by an approver afterwards. */
    HELDER_FIRST_NOTICE_AT_ONCE: booleanFlag(false),
  });

export type EnvVariable = keyof z.input<typeof EnvSchema>;

/**
 * Rules between variables. Checked on the raw values, separately from the schema, so they are
 * reported together with every per-variable problem instead of only after those are fixed.
 */
function crossVariableProblems(env: Record<string, string | undefined>): ConfigProblem[] {
  const given = (name: EnvVariable) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const problems: ConfigProblem[] = [];
  const dkim = ['DKIM_DOMAIN', 'DKIM_SELECTOR', 'DKIM_PRIVATE_KEY_FILE'] as const;
  if (dkim.some((name) => given(name) !== undefined)) {
    for (const name of dkim) {
      if (given(name) === undefined) problems.push({ variable: name, message: 'is required when any DKIM_* variable is set (set all three, or none); not set' });
    }
  }
  if (given('SMTP_URL') !== undefined && given('MAIL_FROM') === undefined) {
    problems.push({ variable: 'MAIL_FROM', message: 'is required when SMTP_URL is set: the sender, e.g. "Storingen Leverancier <storingen@leverancier.nl>"; not set' });
  }
  const topdesk = ['TOPDESK_URL', 'TOPDESK_USERNAME', 'TOPDESK_APPLICATION_PASSWORD', 'TOPDESK_MAPPING_FILE'] as const;
  if (topdesk.some((name) => given(name) !== undefined)) {
    for (const name of topdesk) {
      if (given(name) === undefined) problems.push({ variable: name, message: 'is required when any TOPDESK_* variable is set (set all four, or none); not set' });
    }
  }
  const s3Keys = ['HELDER_S3_ACCESS_KEY_ID', 'HELDER_S3_SECRET_ACCESS_KEY'] as const;
  if (s3Keys.some((name) => given(name) !== undefined)) {
    for (const name of s3Keys) {
      if (given(name) === undefined) problems.push({ variable: name, message: 'is required when the other HELDER_S3_*_KEY variable is set (set both, or neither for the AWS default credentials); not set' });
    }
  }
  const s3Setting = (['HELDER_S3_PREFIX', 'HELDER_S3_REGION', 'HELDER_S3_ENDPOINT', ...s3Keys] as const).find((name) => given(name) !== undefined);
  if (s3Setting && given('HELDER_S3_BUCKET') === undefined) problems.push({ variable: 'HELDER_S3_BUCKET', message: `is required when ${s3Setting} is set: the bucket to publish to; not set` });
  if ((given('HELDER_ENV') ?? '') === 'production') {
    for (const name of ['HELDER_SITE_URL', 'HELDER_ADMIN_URL'] as const) {
      const value = given(name);
      if (value === undefined) problems.push({ variable: name, message: 'is required when HELDER_ENV=production (the public https URL); not set' });
      else if (!value.startsWith('https://')) problems.push({ variable: name, message: `must be an https:// URL when HELDER_ENV=production; got ${JSON.stringify(value)}` });
    }
  }
  return problems;
}

export interface Config {
  env: 'production' | 'demo';
  mode: 'live' | 'drill';
  /** Absolute paths. */
  dataDir: string;
  contentDir: string;
  databaseFile: string;
  port: number;
  host: string;
  siteUrl: string;
  adminUrl: string;
  /** scheme://host[:port] of adminUrl: what checkRequestOrigin compares against. */
  adminOrigin: string;
  /** adminUrl is https: Secure + __Host- cookies. */
  secureCookies: boolean;
  trustProxy: boolean;
  /** Publish changes through the warm renderer (full build as fallback and daily). */
  incrementalPublish: boolean;
  mail: {
    /** null: capture mail locally instead of sending. */
    smtpUrl: string | null;
    poolSize: number;
    ratePerSecond: number;
    from: string;
    replyTo: string | null;
    dkim: { domainName: string; keySelector: string; privateKey: string } | null;
    deliveryExpiryMinutes: number;
    unknownPolicy: 'hold' | 'retry_once';
    requireTls: boolean;
    tlsRejectUnauthorized: boolean;
  };
  signals: {
    /** The spike rule's settings (src/domain/signal-spike.ts). */
    rule: { municipalities: number; windowMinutes: number; localRepeats: number; baselineFactor: number; baselineDays: number; recentMinutes: number };
    apiRatePerMinute: number;
    /** null: no TOPdesk poller. */
    topdesk: { url: string; username: string; applicationPassword: string; mappingFile: string; pollSeconds: number } | null;
  };
  /** Approval for everything public (issue 11): whether the incident manager's first notice may skip the wait. */
  approval: { firstNoticeAtOnce: boolean };
  /** Where every good build is copied besides the local server (docs/deploy.md); both null: nowhere. */
  publishTargets: {
    s3: { bucket: string; prefix: string; region: string; endpoint: string | null; credentials: { accessKeyId: string; secretAccessKey: string } | null } | null;
    command: { command: string; timeoutMs: number } | null;
  };
}

export interface ConfigProblem {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    super(
      `Configuration error: ${problems.length === 1 ? '1 problem' : `${problems.length} problems`} with environment variables:\n` +
        problems.map((problem) => `  ${problem.variable}: ${problem.message}`).join('\n') +
        '\nSee .env.example for every variable with an example.',
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

// Values of these may hold passwords or keys: never repeat them in an error.
const SECRET_VARIABLES = new Set(['SMTP_URL', 'DKIM_PRIVATE_KEY_FILE', 'TOPDESK_APPLICATION_PASSWORD', 'HELDER_S3_ACCESS_KEY_ID', 'HELDER_S3_SECRET_ACCESS_KEY', 'HELDER_PUBLISH_COMMAND']);

/**
 * A loud warning for a start that sends real mail (SMTP_URL) with a public address its recipients
 * cannot open: not https, or on this machine only (a demo's own address). Every link in that mail
 * (status page, incident, unsubscribe) is built from it. Production refuses a non-https address
 * (crossVariableProblems); any other start is told plainly. Null when the address is fine or no
 * mail goes out.
 */
export function publicAddressWarning(config: Pick<Config, 'siteUrl' | 'mail'>): string | null {
  if (!config.mail.smtpUrl) return null;
  const url = new URL(config.siteUrl);
  const local = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\./.test(url.hostname);
  if (url.protocol === 'https:' && !local) return null;
  const why = local ? 'only reachable on this machine' : 'not https';
  return [
    '!!! LET OP / WARNING !!!',
    `SMTP_URL is set, so mail really goes out, but the public address is ${config.siteUrl} (${why}).`,
    'Every link in that mail (status page, incident, unsubscribe) points there and will not work for its recipients.',
    'Set HELDER_SITE_URL (and HELDER_ADMIN_URL) to the https address of the status page, or remove SMTP_URL to keep mail in the local mailbox.',
  ].join('\n');
}

/** Reads and checks the environment; throws one ConfigError listing every problem at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const result = EnvSchema.safeParse(env);
  const problems = [
    ...(result.success
      ? []
      : result.error.issues.map((issue) => {
          const variable = String(issue.path[0] ?? '(environment)');
          const raw = env[variable];
          const got = raw === undefined || raw.trim() === '' ? 'not set' : SECRET_VARIABLES.has(variable) ? 'a value (not shown)' : `got ${JSON.stringify(raw)}`;
          return { variable, message: `${issue.message}; ${got}` };
        })),
    ...crossVariableProblems(env),
  ];
  const order = Object.keys(EnvSchema.shape);
  problems.sort((a, b) => order.indexOf(a.variable) - order.indexOf(b.variable));
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const parsed = result.data;
  const dkim = readDkimKey(parsed, cwd);
  const localUrl = `http://${parsed.HELDER_HOST === '0.0.0.0' ? '127.0.0.1' : parsed.HELDER_HOST}:${parsed.HELDER_PORT}`;
  const adminUrl = parsed.HELDER_ADMIN_URL ?? localUrl;
  const dataDir = resolve(cwd, parsed.HELDER_DATA_DIR);
  return {
    env: parsed.HELDER_ENV,
    mode: parsed.HELDER_MODE,
    dataDir,
    contentDir: resolve(cwd, parsed.HELDER_CONTENT_DIR),
    databaseFile: join(dataDir, 'helder.sqlite'),
    port: parsed.HELDER_PORT,
    host: parsed.HELDER_HOST,
    siteUrl: parsed.HELDER_SITE_URL ?? localUrl,
    adminUrl,
    adminOrigin: new URL(adminUrl).origin,
    secureCookies: new URL(adminUrl).protocol === 'https:',
    trustProxy: parsed.HELDER_TRUST_PROXY,
    incrementalPublish: parsed.HELDER_INCREMENTAL_PUBLISH,
    mail: {
      smtpUrl: parsed.SMTP_URL ?? null,
      poolSize: parsed.SMTP_POOL_SIZE,
      ratePerSecond: parsed.SMTP_RATE_PER_SECOND,
      from: parsed.MAIL_FROM ?? 'Helder (demo) <storingen@helder.test>',
      replyTo: parsed.MAIL_REPLY_TO ?? null,
      dkim,
      deliveryExpiryMinutes: parsed.DELIVERY_EXPIRY_MINUTES,
      unknownPolicy: parsed.DELIVERY_UNKNOWN_POLICY,
      requireTls: parsed.SMTP_REQUIRE_TLS,
      tlsRejectUnauthorized: parsed.SMTP_TLS_REJECT_UNAUTHORIZED,
    },
    signals: {
      rule: {
        municipalities: parsed.SIGNAL_ALERT_MUNICIPALITIES,
        windowMinutes: parsed.SIGNAL_ALERT_WINDOW_MINUTES,
        localRepeats: parsed.SIGNAL_LOCAL_REPEATS,
        baselineFactor: parsed.SIGNAL_BASELINE_FACTOR,
        baselineDays: 7,
        recentMinutes: 120,
      },
      apiRatePerMinute: parsed.SIGNALS_API_RATE_PER_MINUTE,
      topdesk:
        parsed.TOPDESK_URL && parsed.TOPDESK_USERNAME && parsed.TOPDESK_APPLICATION_PASSWORD && parsed.TOPDESK_MAPPING_FILE
          ? {
              url: parsed.TOPDESK_URL,
              username: parsed.TOPDESK_USERNAME,
              applicationPassword: parsed.TOPDESK_APPLICATION_PASSWORD,
              mappingFile: resolve(cwd, parsed.TOPDESK_MAPPING_FILE),
              pollSeconds: parsed.TOPDESK_POLL_SECONDS,
            }
          : null,
    },
    approval: { firstNoticeAtOnce: parsed.HELDER_FIRST_NOTICE_AT_ONCE },
    publishTargets: {
      s3: parsed.HELDER_S3_BUCKET
        ? {
            bucket: parsed.HELDER_S3_BUCKET,
            prefix: parsed.HELDER_S3_PREFIX ?? '',
            region: parsed.HELDER_S3_REGION,
            endpoint: parsed.HELDER_S3_ENDPOINT ?? null,
            credentials:
              parsed.HELDER_S3_ACCESS_KEY_ID && parsed.HELDER_S3_SECRET_ACCESS_KEY ? { accessKeyId: parsed.HELDER_S3_ACCESS_KEY_ID, secretAccessKey: parsed.HELDER_S3_SECRET_ACCESS_KEY } : null,
          }
        : null,
      command: parsed.HELDER_PUBLISH_COMMAND ? { command: parsed.HELDER_PUBLISH_COMMAND, timeoutMs: parsed.HELDER_PUBLISH_COMMAND_TIMEOUT_SECONDS * 1000 } : null,
    },
  };
}

function readDkimKey(parsed: z.output<typeof EnvSchema>, cwd: string): Config['mail']['dkim'] {
  if (!parsed.DKIM_DOMAIN || !parsed.DKIM_SELECTOR || !parsed.DKIM_PRIVATE_KEY_FILE) return null;
  const file = resolve(cwd, parsed.DKIM_PRIVATE_KEY_FILE);
  if (!existsSync(file)) {
    throw new ConfigError([{ variable: 'DKIM_PRIVATE_KEY_FILE', message: `file ${file} does not exist` }]);
  }
  const privateKey = readFileSync(file, 'utf8');
  if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(privateKey)) {
    throw new ConfigError([{ variable: 'DKIM_PRIVATE_KEY_FILE', message: `file ${file} is not a PEM private key (expected "-----BEGIN PRIVATE KEY-----")` }]);
  }
  return { domainName: parsed.DKIM_DOMAIN, keySelector: parsed.DKIM_SELECTOR, privateKey };
}
