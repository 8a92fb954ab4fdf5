/** Wakes a sleeping loop early: a delivery settled, new mail was enqueued, or it is stopping. */
export interface WakeSignal {
  wake(): void;
  /** Resolves on the next wake(), or after `timeoutMs`. */
  sleep(timeoutMs: number): Promise<void>;
}

export function createWakeSignal(): WakeSignal {
  let notify: (() => void) | null = null;
  const wake = () => {
    const resolve = notify;
    notify = null;
    resolve?.();
  };
  return {
    wake,
    async sleep(timeoutMs) {
      const woken = new Promise<void>((resolve) => {
        notify = resolve;
      });
      const timer = setTimeout(wake, timeoutMs);
      await woken;
      clearTimeout(timer);
    },
  };
}
