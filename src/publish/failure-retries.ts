export interface FailureRetries {
  /** A build failed: ask for another after the next pause of the backoff (once; a retry already waiting stays). */
  afterFailure(): void;
  /** A build went live: the backoff starts from the beginning and a waiting retry is dropped. */
  afterSuccess(): void;
  /** When the waiting retry will be asked for. */
  next(): Date | null;
  stop(): void;
}

/** 30 s, 1, 2, 5, 10 min, then every 15 min: quick enough for a passing hiccup, quiet for a lasting fault. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [30_000, 60_000, 120_000, 300_000, 600_000, 900_000];

/**
 * Retries a failed publish with growing pauses, so a build that failed for a passing reason (a
 * busy machine, a full disk that was cleared, a file saved half-way) reaches the public page
 * without anyone pressing a button. The retry is an ordinary publish request in the queue.
 */
export function createFailureRetries(options: { delaysMs?: readonly number[]; requestPublish: (reason: string) => void }): FailureRetries {
  const delays = options.delaysMs && options.delaysMs.length > 0 ? options.delaysMs : DEFAULT_RETRY_DELAYS_MS;
  let failures = 0;
  let timer: NodeJS.Timeout | null = null;
  let nextAt: Date | null = null;
  const clear = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    nextAt = null;
  };
  return {
    afterFailure() {
      if (timer) return;
      const delay = delays[Math.min(failures, delays.length - 1)]!;
      failures += 1;
      nextAt = new Date(Date.now() + delay);
      timer = setTimeout(() => {
        timer = null;
        nextAt = null;
        options.requestPublish(`Nieuwe poging na een mislukte publicatie (poging ${failures + 1})`);
      }, delay);
      timer.unref();
    },
    afterSuccess() {
      failures = 0;
      clear();
    },
    next: () => nextAt,
    stop: clear,
  };
}
