import nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer/lib/mailer';
import { Transform, type Readable } from 'node:stream';
import { classifySmtpFailure } from './retry-policy.ts';
import { DrillDeliveryRefusedError, type MailTransport, type OutgoingMail, type SendResult } from './mail-transport.ts';

/** The SMTP server and how to use it; MailConfig.smtp has this shape. */
export interface SmtpSettings {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://host:465 (TLS from the start). */
  url: string;
  /** Parallel connections, and so parallel deliveries. */
  poolSize: number;
  /** Messages per second over all connections; 0 = no limit. */
  ratePerSecond: number;
  /** Refuse to send without STARTTLS. */
  requireTls: boolean;
  /** Only for a test relay with a self-signed certificate. */
  tlsRejectUnauthorized: boolean;
  timeoutsMs: { connection: number; greeting: number; socket: number };
}

export interface SmtpTransportOptions extends SmtpSettings {
  /** Told about every refused drill delivery (logged by the composition root). */
  onDrillRefused?: (error: DrillDeliveryRefusedError) => void;
}

const TRACKER = 'helderDataTracker';

interface DataTracker {
  /** The whole message, final dot included, was handed to the connection. */
  complete: boolean;
}

/**
 * Nodemailer's SMTP pool with our policy around it: one recipient per transaction, no requeue
 * inside nodemailer (the outbox retries, with its own backoff and expiry), no file or URL access,
 * explicit timeouts, and every failure classified as temporary, permanent or unknown.
 */
export function createSmtpTransport(options: SmtpTransportOptions): MailTransport {
  const transporter = nodemailer.createTransport({
    pool: true,
    url: options.url,
    maxConnections: options.poolSize,
    maxMessages: 100,
    // Our retries only: a requeue inside nodemailer would hide attempts from the outbox.
    maxRequeues: 0,
    connectionTimeout: options.timeoutsMs.connection,
    greetingTimeout: options.timeoutsMs.greeting,
    socketTimeout: options.timeoutsMs.socket,
    requireTLS: options.requireTls,
    tls: { rejectUnauthorized: options.tlsRejectUnauthorized },
    disableFileAccess: true,
    disableUrlAccess: true,
    ...(options.ratePerSecond > 0 ? { rateDelta: 1000, rateLimit: options.ratePerSecond } : {}),
  } as Parameters<typeof nodemailer.createTransport>[0] & { pool: true });

  // The message stream is read only after DATA was accepted; its 'end' means every byte reached
  // nodemailer's data stream, which then writes the final dot. A connection lost after that point
  // may have delivered the message; before it, the server cannot have accepted it.
  transporter.use('stream', (mail, done) => {
    const tracker = (mail.data as Record<string, unknown>)[TRACKER] as DataTracker | undefined;
    if (tracker) {
      mail.message.processFunc((input: Readable) => {
        const observed = new Transform({ transform: (chunk, _encoding, callback) => callback(null, chunk) });
        observed.once('end', () => {
          tracker.complete = true;
        });
        input.once('error', (error) => observed.destroy(error));
        return input.pipe(observed);
      });
    }
    done();
  });

  return {
    name: 'smtp',
    async send(mail: OutgoingMail): Promise<SendResult> {
      if (mail.drill) {
        const refused = new DrillDeliveryRefusedError(mail);
        options.onDrillRefused?.(refused);
        throw refused;
      }
      const tracker: DataTracker = { complete: false };
      try {
        const info = await transporter.sendMail({
          envelope: { from: mail.envelope.from, to: [mail.envelope.to] },
          raw: mail.raw,
          [TRACKER]: tracker,
        } as SendMailOptions);
        const result = info as { response?: string; rejected?: unknown[]; rejectedErrors?: Array<{ recipient?: string; code?: string; responseCode?: number; response?: string }> };
        const rejected = (result.rejectedErrors ?? []).find((error) => sameAddress(error.recipient, mail.envelope.to));
        if (rejected || (result.rejected ?? []).some((address) => sameAddress(address, mail.envelope.to))) {
          const facts = { code: rejected?.code, responseCode: rejected?.responseCode };
          const outcome = classifySmtpFailure(facts, false);
          return { outcome, reply: rejected?.response ?? 'recipient rejected', errorCode: rejected?.code ?? 'EENVELOPE', via: 'smtp' };
        }
        return { outcome: 'sent', reply: String(result.response ?? '250 accepted'), via: 'smtp' };
      } catch (error) {
        const failure = error as { code?: string; originalCode?: string; responseCode?: number; response?: string; message?: string };
        const outcome = classifySmtpFailure({ code: failure.code, responseCode: failure.responseCode }, tracker.complete);
        const code = failure.originalCode ? `${failure.code}/${failure.originalCode}` : (failure.code ?? null);
        return { outcome, reply: failure.response ?? failure.message ?? String(error), errorCode: code, via: 'smtp' };
      }
    },
    async verify() {
      await transporter.verify();
    },
    async close() {
      transporter.close();
    },
  };
}

function sameAddress(a: unknown, b: string): boolean {
  return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}
