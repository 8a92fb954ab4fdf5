/**
 * When a delivery is tried again, and how an SMTP failure is classified. Pure: callers pass the
 * clock's time.
 */

/** Minutes to wait after the 1st, 2nd, … failed attempt; hourly after the last. */
export const RETRY_DELAYS_MINUTES = [1, 5, 15, 30, 60] as const;

/** A stale outage notice is worse than none: undelivered mail expires after this by default. */
export const DEFAULT_EXPIRY_MINUTES = 6 * 60;

export function retryDelayMinutes(failedAttempts: number): number {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) throw new RangeError(`failedAttempts must be a positive integer, got ${failedAttempts}`);
  return RETRY_DELAYS_MINUTES[failedAttempts - 1] ?? 60;
}

/** The next attempt after a temporary failure, or null when that would be past the expiry. */
export function nextAttemptAt(failedAttempts: number, now: Date, expiresAt: Date): Date | null {
  const next = new Date(now.getTime() + retryDelayMinutes(failedAttempts) * 60_000);
  return next.getTime() >= expiresAt.getTime() ? null : next;
}

export type FailureKind = 'temporary' | 'permanent' | 'unknown';

/** The parts of a nodemailer error that decide what it means. */
export interface SmtpErrorFacts {
  code?: string | undefined;
  responseCode?: number | undefined;
}

// Our own set-up is broken (login, TLS, DNS, config): not the recipient's fault, so wait and retry
// until the operator fixes it, rather than fail every recipient of a national announcement.
const SETUP_ERROR_CODES = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ETLS', 'EREQUIRETLS', 'EDNS', 'EPROXY', 'ECONFIG']);

/**
 * Classifies a failed SMTP transaction. A server reply decides when there is one (4xx temporary,
 * 5xx permanent, 503 "bad sequence" temporary). Without a reply (connection lost, timeout) it
 * depends on whether the whole message, final dot included, had been handed to the connection:
 * before that the server cannot have accepted it (temporary), after it may have (unknown).
 */
export function classifySmtpFailure(error: SmtpErrorFacts, messageDataComplete: boolean): FailureKind {
  if (error.code && SETUP_ERROR_CODES.has(error.code)) return 'temporary';
  const reply = error.responseCode;
  if (reply !== undefined && reply >= 400 && reply < 600) {
    if (reply >= 500 && reply !== 503) return 'permanent';
    return 'temporary';
  }
  return messageDataComplete ? 'unknown' : 'temporary';
}

function afterRetryAfter(now: Date, retryAfterMs: number, expiresAt: Date): Date | null {
  const next = new Date(now.getTime() + Math.max(1000, retryAfterMs));
  return next.getTime() >= expiresAt.getTime() ? null : next;
}

/** What becomes of a delivery after one attempt. */
export interface AttemptDecision {
  status: 'sent' | 'retrying' | 'failed' | 'unknown' | 'expired';
  nextAttemptAt: Date | null;
  /** Whether the one automatic retry of an 'unknown' delivery has now been used. */
  unknownRetried: boolean;
}

/**
 * sent; retrying at the next backoff step (expired once that is past the expiry); failed;
 * unknown, or under policy "retry_once" one retry with the same Message-ID.
 */
export function decideAfterAttempt(
  outcome: 'sent' | FailureKind | 'refused',
  delivery: { attempt: number; unknownRetried: boolean; expiresAt: Date },
  now: Date,
  unknownPolicy: 'hold' | 'retry_once',
  /** The receiver's Retry-After: honoured instead of the backoff step (at least one second). */
  retryAfterMs?: number,
): AttemptDecision {
  const unchanged = delivery.unknownRetried;
  switch (outcome) {
    case 'sent':
      return { status: 'sent', nextAttemptAt: null, unknownRetried: unchanged };
    case 'temporary': {
      const next =
        retryAfterMs === undefined
          ? nextAttemptAt(delivery.attempt, now, delivery.expiresAt)
          : afterRetryAfter(now, retryAfterMs, delivery.expiresAt);
      return { status: next ? 'retrying' : 'expired', nextAttemptAt: next, unknownRetried: unchanged };
    }
    case 'unknown': {
      if (unknownPolicy === 'retry_once' && !delivery.unknownRetried) {
        const next = nextAttemptAt(1, now, delivery.expiresAt);
        if (next) return { status: 'retrying', nextAttemptAt: next, unknownRetried: true };
      }
      return { status: 'unknown', nextAttemptAt: null, unknownRetried: unchanged };
    }
    default:
      return { status: 'failed', nextAttemptAt: null, unknownRetried: unchanged };
  }
}
