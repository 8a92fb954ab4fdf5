import type { UnknownPolicy } from '../domain/delivery-status.ts';
import type { SmtpSettings } from './smtp-transport.ts';

/**
 * The e-mail settings in the shape src/mail works with. They come from the one validated Config
 * (src/config, every variable documented in .env.example) through mailConfigFrom() in src/composition.
 */
export interface MailConfig {
  /** Null: no SMTP_URL, mail is captured locally. */
  smtp: SmtpSettings | null;
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
