import type { AttemptOutcome } from '../store/outbox-repository.ts';

/** One recipient's message, ready to go: the exact bytes plus what the capture index shows. */
export interface OutgoingMail {
  /** Null for mail that is not an outbox delivery. */
  deliveryId: number | null;
  outboxMessageId: string | null;
  /** A drill message: only ever captured, never sent (every transport checks this). */
  drill: boolean;
  envelope: { from: string; to: string };
  messageId: string;
  subject: string;
  html: string;
  text: string;
  /** The complete MIME message, DKIM-signed when configured. */
  raw: Buffer;
}

/** The classified result of one attempt, plus which transport handled it. */
export type SendResult = AttemptOutcome & {
  via: string;
  /** The receiver asked to wait this long before trying again (HTTP 429/503 Retry-After). */
  retryAfterMs?: number;
};

/**
 * Where mail goes: an SMTP server or a capture. Chosen once at the composition root
 * (createMailTransport); the dispatcher never asks which one it has.
 */
export interface MailTransport {
  readonly name: string;
  /** Resolves with a classified result; only a programming or safety error rejects. */
  send(mail: OutgoingMail): Promise<SendResult>;
  /** Checks the set-up (connect and log in, or that the capture folder is writable). */
  verify(): Promise<void>;
  close(): Promise<void>;
}

/** The SMTP sender was handed a drill delivery: a bug upstream, refused as defence in depth. */
export class DrillDeliveryRefusedError extends Error {
  readonly deliveryId: number | null;
  constructor(mail: Pick<OutgoingMail, 'deliveryId' | 'outboxMessageId' | 'envelope'>) {
    super(
      `Refused to send drill delivery ${mail.deliveryId ?? '(no id)'} of message "${mail.outboxMessageId ?? '?'}" to ${mail.envelope.to} over SMTP: drill mail is only ever captured`,
    );
    this.name = 'DrillDeliveryRefusedError';
    this.deliveryId = mail.deliveryId;
  }
}
