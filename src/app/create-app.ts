import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { addUser } from '../admin/add-user.ts';
import { resetPassword } from '../admin/reset-password.ts';
import { createContactAudience } from '../admin/messages/adapters/contact-audience.ts';
import { createOutbox } from '../admin/messages/adapters/outbox.ts';
import { createSitePublisher } from '../admin/messages/adapters/site-publisher.ts';
import { createTemplateRenderer } from '../admin/messages/adapters/template-renderer.ts';
import { createStatusPageWriter } from '../admin/incidents/append-status-page-update.ts';
import { systemClock, type Clock } from '../auth/clock.ts';
import { createArgon2idHasher, type PasswordHasher } from '../auth/password-hasher.ts';
import type { Config } from '../config/config.ts';
import { loadContent } from '../content/load-content.ts';
import { readIncidentFile, readMaintenanceFile } from '../content/write-content.ts';
import type { ContentSet, Incident, Maintenance } from '../domain/index.ts';
import { createMailTransport } from '../mail/create-mail-transport.ts';
import { startDispatcher, type Dispatcher, type DispatcherEvent } from '../mail/dispatcher.ts';
import type { MailConfig } from '../mail/mail-config.ts';
import { createPublisher, type Publisher } from '../publish/create-publisher.ts';
import { listContacts } from '../store/contacts-repository.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { loadTemplates, type TemplateCatalog } from '../templates/index.ts';
import type { HelderApp } from './helder-app.ts';

export interface CreateHelderAppOptions {
  /** The Helder checkout: astro.config.mjs for publishing, templates/ for messages. */
  projectDir: string;
  clock?: Clock;
  hasher?: PasswordHasher;
  /** Overrides templates/ (tests). */
  templatesDir?: string;
  /** A publisher of one's own, e.g. a test's; default: the real one over content/ into <dataDir>/site. */
  publisher?: Publisher;
  log?: (line: string) => void;
}

/**
 * The composition root: builds one HelderApp from the checked configuration. Opening the store,
 * loading the templates and creating the publisher happen here and only here; the mail transport
 * is chosen here too (SMTP, the local mailbox, or the drill capture), so no sending code asks
 * which mode it is in.
 */
export function createHelderApp(config: Config, options: CreateHelderAppOptions): HelderApp {
  const log = options.log ?? ((line: string) => console.log(line));
  const clock = options.clock ?? systemClock;
  const hasher = options.hasher ?? createArgon2idHasher();
  const drillMode = config.mode === 'drill';
  const drillContentDir = join(config.dataDir, 'drill-content');
  const db: Database = openDatabase(config.databaseFile);
  const templates: TemplateCatalog = loadTemplates(options.templatesDir ?? join(options.projectDir, 'templates'));
  const publisher =
    options.publisher ??
    createPublisher({ projectDir: options.projectDir, contentDir: config.contentDir, sitesDir: join(config.dataDir, 'site'), siteUrl: config.siteUrl, db, log });

  const mailConfig = mailConfigFrom(config);
  const transport = createMailTransport(mailConfig, {
    db,
    clock,
    onDrillRefused: (error) => log(`mail: ${error.message}`),
  });

  const content = (request: { drill?: boolean } = {}): ContentSet => {
    const live = loadContent(config.contentDir, { siteUrl: config.siteUrl });
    if (!(request.drill || drillMode)) return live;
    // Drill files sit beside the public catalogue: same products and municipalities, other incidents.
    return { ...live, incidents: readAll(drillContentDir, 'incidents', readIncidentFile), maintenances: readAll(drillContentDir, 'maintenance', readMaintenanceFile) };
  };
  // The site (vendor, brand, URL) for templates; read once: site.yaml changes need a restart.
  const site = content().site;
  const messageSiteUrl = config.siteUrl.startsWith('https://') ? config.siteUrl : loadContent(config.contentDir).site.url;

  const contentDeps = { db, clock, contentDir: config.contentDir, drillContentDir, drill: drillMode };
  const audience = createContactAudience({
    findSubject: (subject, drill) => {
      const dir = drill || drillMode ? drillContentDir : config.contentDir;
      return subject.kind === 'incident' ? readIncidentFile(dir, subject.id) : readMaintenanceFile(dir, subject.id);
    },
    municipalities: () => loadContent(config.contentDir, { siteUrl: config.siteUrl }).municipalities,
    listContacts: (database) => listContacts(database),
  });

  let dispatcher: Dispatcher | null = null;
  const adminDeps = { db, hasher, clock, drill: drillMode };
  const app: HelderApp = {
    config,
    db,
    clock,
    hasher,
    drillMode,
    drillContentDir,
    templates,
    messageSiteUrl,
    publisher,
    mail: { config: mailConfig, transport },
    accounts: {
      addUser: (caller, input) => addUser(adminDeps, caller, input),
      resetPassword: (caller, reference, password) => resetPassword(adminDeps, caller, reference, password),
    },
    deps: {
      admin: adminDeps,
      content: contentDeps,
      messages: {
        db,
        clock,
        renderer: createTemplateRenderer(templates, site),
        audience,
        outbox: createOutbox({ expiryMinutes: config.mail.deliveryExpiryMinutes }),
        statusPage: createStatusPageWriter(contentDeps),
        // Drill messages (all of them in drill mode) never reach the live publisher.
        publisher: createSitePublisher({ live: publisher }),
      },
    },
    content,
    dispatcher: () => dispatcher,
    startDispatcher(dispatcherLog = log) {
      if (dispatcher) return dispatcher;
      dispatcher = startDispatcher({
        db,
        transport,
        config: mailConfig,
        clock,
        log: (event: DispatcherEvent) => {
          if (event.type === 'started') dispatcherLog(`mail: dispatcher started (${transport.name}); ${event.recovered} interrupted deliveries marked unknown`);
          else if (event.type === 'error' || event.type === 'drill_refused' || event.type === 'lock_lost') dispatcherLog(`mail: ${event.type}: ${'message' in event ? event.message : event.owner}`);
        },
      });
      return dispatcher;
    },
    wakeDispatcher: () => dispatcher?.wake(),
    async close() {
      await Promise.allSettled([dispatcher?.stop(), publisher.stop()]);
      dispatcher = null;
      await transport.close();
      db.close();
    },
  };
  return app;
}

function readAll<T extends Incident | Maintenance>(dir: string, folder: 'incidents' | 'maintenance', read: (dir: string, id: string) => T | null): T[] {
  const path = join(dir, folder);
  if (!existsSync(path)) return [];
  return readdirSync(path)
    .filter((name) => name.endsWith('.md') && !name.startsWith('.'))
    .sort()
    .map((name) => read(dir, name.slice(0, -3)))
    .filter((entry): entry is T => entry !== null);
}

/** The mail settings of the one validated Config (src/config), in the shape src/mail works with. */
export function mailConfigFrom(config: Config): MailConfig {
  return {
    smtp: config.mail.smtpUrl
      ? {
          url: config.mail.smtpUrl,
          poolSize: config.mail.poolSize,
          ratePerSecond: config.mail.ratePerSecond,
          requireTls: config.mail.requireTls,
          tlsRejectUnauthorized: config.mail.tlsRejectUnauthorized,
          timeoutsMs: { connection: 10_000, greeting: 10_000, socket: 60_000 },
        }
      : null,
    concurrency: config.mail.poolSize,
    from: parseMailbox(config.mail.from),
    replyTo: config.mail.replyTo ? parseMailbox(config.mail.replyTo) : null,
    dkim: config.mail.dkim,
    expiryMinutes: config.mail.deliveryExpiryMinutes,
    unknownPolicy: config.mail.unknownPolicy,
    // Unsubscribe links must reach this server (the public site may be plain static files elsewhere).
    serverUrl: config.adminUrl,
    dataDir: resolve(config.dataDir),
    drillMode: config.mode === 'drill',
  };
}

/** "Name <address>" or a bare address; src/config already checked it is one mailbox. */
function parseMailbox(value: string): { name: string; address: string } {
  const match = /^\s*"?([^"<>]*?)"?\s*<([^<>]+)>\s*$/.exec(value);
  return match ? { name: (match[1] ?? '').trim(), address: match[2]!.trim() } : { name: '', address: value.trim() };
}
