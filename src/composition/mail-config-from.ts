import { resolve } from 'node:path';
import type { Config } from '../config/config.ts';
import type { MailConfig } from '../mail/mail-config.ts';

/** The mail settings of the one validated Config (src/config), in the shape src/mail works with. */
export function mailConfigFrom(config: Config): MailConfig {
  return {
    smtp: config.mail.smtpUrl
      ? {
          url: config.mail.smtpUrl,
          poolSize: config.mail.poolSize,
          ratePerSecond: config.mail.ratePerSecond,
          requireTls: config.mail.requireTls,
          tlsRejectUnauthorized: config.mail.tlsRejectUnauthorized,
          timeoutsMs: { connection: 10_000, greeting: 10_000, socket: 60_000 },
        }
      : null,
    concurrency: config.mail.poolSize,
    from: parseMailbox(config.mail.from),
    replyTo: config.mail.replyTo ? parseMailbox(config.mail.replyTo) : null,
    dkim: config.mail.dkim,
    expiryMinutes: config.mail.deliveryExpiryMinutes,
    unknownPolicy: config.mail.unknownPolicy,
    // Unsubscribe links must reach this server (the public site may be plain static files elsewhere).
    serverUrl: config.adminUrl,
    dataDir: resolve(config.dataDir),
    drillMode: config.mode === 'drill',
  };
}

/** "Name <address>" or a bare address; src/config already checked it is one mailbox. */
function parseMailbox(value: string): { name: string; address: string } {
  const match = /^\s*"?([^"<>]*?)"?\s*<([^<>]+)>\s*$/.exec(value);
  return match ? { name: (match[1] ?? '').trim(), address: match[2]!.trim() } : { name: '', address: value.trim() };
}
