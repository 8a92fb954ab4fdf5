import type { TopdeskMapping } from '../domain/index.ts';
import type { UseCaseContext } from '../use-cases/context.ts';
import { pollTopdesk } from '../use-cases/signals/poll-topdesk.ts';

export interface TopdeskPoller {
  /** Polls now (tests, and the first poll at start). */
  pollNow(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Polls TOPdesk every `intervalSeconds` through the poll-topdesk use case on the live context.
 * A failed poll (TOPdesk down, a refused login) is logged and tried again at the next interval;
 * it never stops the server. Polls never overlap.
 */
export function startTopdeskPoller(ctx: UseCaseContext, options: { mapping: TopdeskMapping; intervalSeconds: number; log: (line: string) => void }): TopdeskPoller {
  let running: Promise<void> | null = null;
  let stopped = false;
  const caller = { kind: 'system' as const, name: 'TOPdesk' };
  const poll = () => {
    running ??= pollTopdesk(ctx, caller, options.mapping)
      .then((result) => {
        if (result.stored + result.unmapped > 0 || result.alertsRaised > 0) {
          options.log(`topdesk: ${result.fetched} incidents in ${result.pages} page(s); ${result.stored} new signals, ${result.unmapped} not mappable, ${result.alertsRaised} alert(s) raised`);
        }
      })
      .catch((error: unknown) => options.log(`topdesk: poll failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void poll();
  }, options.intervalSeconds * 1000);
  timer.unref();
  void poll();
  return {
    pollNow: () => poll(),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
