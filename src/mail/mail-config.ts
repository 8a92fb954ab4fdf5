import type { UnknownPolicy } from '../domain/delivery-status.ts';

/**
 * The e-mail settings in the shape src/mail works with. They come from the one validated Config
 * (src/config, every variable documented in .env.example) through mailConfigFrom() in src/app.
 */
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
  unknownPolicy: UnknownPolicy;
  serverUrl: string;
  dataDir: string;
  drillMode: boolean;
}
