import type { UseCaseContext } from '../use-cases/context.ts';
import { sendUpdateReminders } from '../use-cases/incidents/update-reminders.ts';

export interface ReminderScheduler {
  /** Queues every reminder mail due by the contexts' clock now (tests call it after moving a fake clock). */
  tick(): string[];
  stop(): void;
}

/**
 * Reminds the incident manager and composers of promised updates by mail, 10 minutes before and
 * at the promised time: every `intervalMs` (default 30 seconds) the send-update-reminders use case
 * runs on each context, so a drill's reminders are drill mails (only captured, marked OEFENING).
 * Each reminder has its own outbox id, so a tick, a second process or a restart never sends one
 * twice. A failure (a broken content file) is logged and tried again at the next tick.
 */
export function startReminderScheduler(contexts: readonly UseCaseContext[], options: { intervalMs?: number; log: (line: string) => void }): ReminderScheduler {
  const tick = (): string[] => {
    const queued: string[] = [];
    for (const ctx of contexts) {
      try {
        const sent = sendUpdateReminders(ctx);
        if (sent.length > 0) ctx.mail.wake();
        queued.push(...sent);
      } catch (error) {
        options.log(`reminders: ${ctx.drill ? 'drill ' : ''}reminders failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return queued;
  };
  const timer = setInterval(tick, options.intervalMs ?? 30_000);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
