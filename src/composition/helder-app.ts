import type { Config } from '../config/config.ts';
import type { Dispatcher } from '../mail/dispatcher.ts';
import type { Publisher } from '../publish/create-publisher.ts';
import type { UseCaseContext } from '../use-cases/context.ts';
import type { TopdeskPoller } from './topdesk-poller.ts';
import type { DrillSignalScheduler } from './drill-signal-scheduler.ts';
import type { ReminderScheduler } from './reminder-scheduler.ts';

/**
 * One running Helder, built once by `createHelderApp` and handed to the admin's screens through
 * `Astro.locals.app`, to the CLI and to the server's own request hooks. Everything a screen does
 * goes through a use case with one of these contexts; nothing here is a shortcut around them.
 */
export interface HelderApp {
  config: Config;
  /** Everyday work: the live context, or the drill context in a training instance (HELDER_MODE=drill). */
  context: UseCaseContext;
  /** Where drills run (their incidents, messages and captured mail); `context` itself in a training instance. */
  drillContext: UseCaseContext;
  /** The distinct contexts: live and drill, or only drill in a training instance. */
  contexts: readonly UseCaseContext[];
  /** The context a record belongs to, by its own drill flag (an incident, a message, a send). */
  contextFor(record: { drill: boolean }): UseCaseContext;
  /** The public site's publisher: started by the server, stopped by `close()`. */
  publisher: Publisher;
  /** Takes the outbox lock and starts sending; a second process with the same database refuses. */
  startDispatcher(log?: (line: string) => void): Dispatcher;
  /** Starts polling TOPdesk when TOPDESK_* is configured (null otherwise); a second call returns the running poller. */
  startTopdeskPoller(log?: (line: string) => void): TopdeskPoller | null;
  /** Lets running drills' timed signals arrive by themselves (on the drill context); a second call returns the running scheduler. */
  startDrillSignals(log?: (line: string) => void): DrillSignalScheduler;
  /** Mails reminders of promised updates (live and drill); a second call returns the running scheduler. */
  startReminders(log?: (line: string) => void): ReminderScheduler;
  /** Stops the dispatcher and the publisher, closes the mail transport and the database. */
  close(): Promise<void>;
}

/** What the Astro side finds in `Astro.locals`; the server passes `{ app }`. */
export interface HelderLocals {
  app?: HelderApp;
}
