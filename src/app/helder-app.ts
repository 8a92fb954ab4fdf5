import type { AddUserInput } from '../admin/add-user.ts';
import type { Clock } from '../auth/clock.ts';
import type { Caller } from '../auth/signed-in-user.ts';
import type { User } from '../store/user-repository.ts';
import type { PasswordHasher } from '../auth/password-hasher.ts';
import type { Config } from '../config/config.ts';
import type { AdminDeps } from '../admin/admin-deps.ts';
import type { ContentDeps } from '../admin/incidents/content-change.ts';
import type { MessageDeps } from '../admin/messages/ports.ts';
import type { ContentSet } from '../domain/index.ts';
import type { Dispatcher } from '../mail/dispatcher.ts';
import type { MailConfig } from '../mail/mail-config.ts';
import type { MailTransport } from '../mail/mail-transport.ts';
import type { Publisher } from '../publish/create-publisher.ts';
import type { Database } from '../store/database.ts';
import type { TemplateCatalog } from '../templates/index.ts';

/**
 * Everything one running Helder is made of, built once by `createHelderApp` and handed to the
 * admin's Astro pages through `Astro.locals.app`. Pages call the use cases in src/admin with the
 * deps in here; they never open a database or load templates themselves.
 */
export interface HelderApp {
  config: Config;
  db: Database;
  clock: Clock;
  hasher: PasswordHasher;
  /** HELDER_MODE=drill: the whole instance is a training environment. */
  drillMode: boolean;
  /** Where drill incidents and maintenance are written: <dataDir>/drill-content. */
  drillContentDir: string;
  templates: TemplateCatalog;
  /**
   * The status page's address as messages link to it: HELDER_SITE_URL when it is https, else the
   * url in content/site.yaml (a local http demo address would be refused by the templates).
   */
  messageSiteUrl: string;
  publisher: Publisher;
  mail: { config: MailConfig; transport: MailTransport };
  /**
   * Account use cases that check a password against the common-password list, which is read from
   * a file next to src/auth: they must run in the server's own modules, not in the Astro bundle
   * (where that file does not exist). Bound to deps.admin.
   */
  accounts: {
    addUser(caller: Caller, input: AddUserInput): Promise<User>;
    resetPassword(caller: Caller, reference: { id: number } | { email: string }, password: string): Promise<{ sessionsEnded: number }>;
  };
  /** Use-case dependencies, one object per family of use cases. */
  deps: { admin: AdminDeps; content: ContentDeps; messages: MessageDeps };
  /**
   * The content as it is on disk now (incidents, maintenance, catalogue); drill=true reads the
   * drill content directory with the public catalogue. Read per request: use cases change it.
   */
  content(options?: { drill?: boolean }): ContentSet;
  /** The running dispatcher, once `startDispatcher()` was called. */
  dispatcher(): Dispatcher | null;
  /** Takes the outbox lock and starts sending; a second process with the same database refuses. */
  startDispatcher(log?: (line: string) => void): Dispatcher;
  /** Asks the dispatcher to look at the outbox now (after an approval or a resend). */
  wakeDispatcher(): void;
  /** Stops the dispatcher and the publisher, closes the mail transport and the database. */
  close(): Promise<void>;
}

/** What the Astro side finds in `Astro.locals`; the server passes `{ app }`. */
export interface HelderLocals {
  app?: HelderApp;
}
