import type { AttemptOutcome } from '../store/outbox-repository.ts';

/**
 * How an HTTP answer to a channel post is classified, like SMTP replies are for mail: 2xx sent;
 * 429 and 503 temporary, honouring Retry-After; 408 and other 5xx temporary with backoff;
 * redirects and other 4xx permanent (the URL or payload is wrong; retrying changes nothing).
 */
export function classifyHttpResponse(status: number, retryAfter: string | null, replyText: string, now: Date): AttemptOutcome & { retryAfterMs?: number } {
  const reply = `HTTP ${status}${replyText.trim() ? ` ${oneLine(replyText)}` : ''}`;
  if (status >= 200 && status < 300) return { outcome: 'sent', reply };
  const code = `HTTP_${status}`;
  if (status === 429 || status === 503) {
    const wait = parseRetryAfter(retryAfter, now);
    return { outcome: 'temporary', reply, errorCode: code, ...(wait === null ? {} : { retryAfterMs: wait }) };
  }
  if (status === 408 || status >= 500) return { outcome: 'temporary', reply, errorCode: code };
  return { outcome: 'permanent', reply, errorCode: code };
}

/** Retry-After as seconds or an HTTP date; at most a day (a longer wait is past any expiry anyway). */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), 86_400) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - now.getTime()), 86_400_000);
}

// Certificate problems: the address answers, but not as the server it claims to be. Retrying does
// not help and would keep sending to an impostor; the beheerder must fix the address.
const CERTIFICATE_CODES = /^(CERT_|ERR_TLS_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET_ISSUER_CERT|VERIFY_LEAF_SIGNATURE))/;

/** A request that got no HTTP answer: timeout and connection errors are temporary, a bad certificate permanent. */
export function classifyHttpFailure(error: unknown, url: string): AttemptOutcome {
  const failure = error as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError') return { outcome: 'temporary', reply: 'Geen antwoord binnen de wachttijd / no answer in time', errorCode: 'ETIMEDOUT' };
  const code = failure.cause?.code ?? failure.code ?? 'ENETWORK';
  // Error texts can quote the address; it is a secret.
  const message = (failure.cause?.message ?? failure.message ?? 'network error').split(url).join('…');
  if (CERTIFICATE_CODES.test(code)) return { outcome: 'permanent', reply: `TLS-certificaat niet vertrouwd / certificate not trusted: ${oneLine(message)}`, errorCode: code };
  return { outcome: 'temporary', reply: oneLine(message), errorCode: code };
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 200);
