import { existsSync, readdirSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { createArgon2idHasher, type PasswordHasher } from '../auth/password-hasher.ts';
import { checkPasswordPolicy } from '../auth/password-policy.ts';
import type { Config } from '../config/config.ts';
import { loadContent, loadSite } from '../content/load-content.ts';
import { readIncidentFile, readMaintenanceFile } from '../content/write-content.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import type { ContentSet, Incident, Maintenance, Site } from '../domain/index.ts';
import { createChannelSender } from '../channels/create-channel-sender.ts';
import { createMailTransport } from '../mail/create-mail-transport.ts';
import { startDispatcher, type Dispatcher, type DispatcherEvent } from '../mail/dispatcher.ts';
import { createPublisher, type Publisher } from '../publish/create-publisher.ts';
import { listContacts } from '../store/contacts-repository.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { listSubscribers } from '../store/subscriptions-repository.ts';
import { loadTemplates, type TemplateCatalog } from '../templates/index.ts';
import { isLoopbackOrigin } from '../domain/loopback.ts';
import { passwordPolicyProblems } from '../use-cases/accounts/password-problems.ts';
import type { ContentPort, SitePublisher, UseCaseContext } from '../use-cases/context.ts';
import { purgeSubscriptionRequests } from '../use-cases/subscriptions/purge-subscription-requests.ts';
import { createContactAudience } from './adapters/contact-audience.ts';
import { createOutbox } from './adapters/outbox.ts';
import { createTemplateRenderer } from './adapters/template-renderer.ts';
import { createTopdeskClient } from './adapters/topdesk-client.ts';
import { loadTopdeskMapping } from '../use-cases/signals/topdesk-mapping.ts';
import { startTopdeskPoller, type TopdeskPoller } from './topdesk-poller.ts';
import { startDrillSignalScheduler, type DrillSignalScheduler } from './drill-signal-scheduler.ts';
import { startReminderScheduler, type ReminderScheduler } from './reminder-scheduler.ts';
import type { HelderApp } from './helder-app.ts';
import { createConfiguredTargets, withPublishTargets } from './publish-targets.ts';
import { mailConfigFrom } from './mail-config-from.ts';

export interface CreateHelderAppOptions {
  /** The Helder checkout: astro.config.mjs for publishing, templates/ and drills/. */
  projectDir: string;
  clock?: Clock;
  hasher?: PasswordHasher;
  /** Overrides templates/ (tests). */
  templatesDir?: string;
  /** An already loaded catalogue of the same templates (tests load it once per file). */
  templates?: TemplateCatalog;
  /** A publisher of one's own, e.g. a test's; default: the real one over content/ into <dataDir>/site. */
  publisher?: Publisher;
  /** Predictable message ids (tests). */
  newId?: () => string;
  /** How long a Teams, Slack or webhook receiver may take to answer (default 10 s; tests shorten it). */
  channelTimeoutMs?: number;
  log?: (line: string) => void;
}

/**
 * The composition root: builds one HelderApp from the checked configuration. The store, the
 * templates, the publisher and the mail transport are made here and only here, and so is the
 * choice between live and drill: one use-case context per mode, each with its own content
 * directory, publisher and audit marking. Nothing downstream asks which mode it is in.
 */
export function createHelderApp(config: Config, options: CreateHelderAppOptions): HelderApp {
  const log = options.log ?? ((line: string) => console.log(line));
  const clock = options.clock ?? systemClock;
  const hasher = options.hasher ?? createArgon2idHasher();
  // Checked before anything is opened: a refused configuration must leave nothing behind in content/.
  const drillContentDir = drillDirectory(config);
  const db: Database = openDatabase(config.databaseFile);
  const catalog = options.templates ?? loadTemplates(options.templatesDir ?? join(options.projectDir, 'templates'));
  const sitesDir = join(config.dataDir, 'site');
  // Copies of every good build elsewhere (S3, a command hook): the public page's second failure domain.
  const targets = options.publisher ? null : createConfiguredTargets(config, { db, clock: () => clock.now(), log });
  const publisher =
    options.publisher ??
    withPublishTargets(
      createPublisher({ projectDir: options.projectDir, contentDir: config.contentDir, sitesDir, siteUrl: config.siteUrl, adminUrl: config.adminUrl, db, log, afterLive: (build) => targets?.publish(build), watchContent: true, incremental: config.incrementalPublish }),
      targets,
      sitesDir,
    );
  const mailConfig = mailConfigFrom(config);
  const transport = createMailTransport(mailConfig, { db, clock, onDrillRefused: (error) => log(`mail: ${error.message}`) });
  let dispatcher: Dispatcher | null = null;
  let topdeskPoller: TopdeskPoller | null = null;
  let drillSignals: DrillSignalScheduler | null = null;
  let reminders: ReminderScheduler | null = null;
  // Read now, so a wrong mapping file stops the start with the file and field, not the first poll.
  const topdeskConfig = config.signals.topdesk;
  const topdeskMapping = topdeskConfig ? loadTopdeskMapping(topdeskConfig.mappingFile) : null;
  // Unconfirmed subscription requests are deleted after 48 hours even when nobody subscribes again.
  let purgeTimer: NodeJS.Timeout | null = null;

  const catalogue = () => loadContent(config.contentDir, { siteUrl: config.siteUrl });
  const catalogueOnly = () => loadContent(config.contentDir, { siteUrl: config.siteUrl, catalogueOnly: true });
  // The site (vendor, brand, URL) for templates, read from site.yaml alone and only when first
  // needed: a broken content file must not stop the admin (or the CLI) from starting. Kept once
  // read: site.yaml changes need a restart.
  let site: Site | null = null;
  const currentSite = (): Site => (site ??= loadSite(config.contentDir, { siteUrl: config.siteUrl }));
  // One public address for every link in mail, feeds and pages: HELDER_SITE_URL, or in a demo the
  // running instance itself, so its links work. That loopback address (or the admin's, where a
  // drill mail links to the drill's preview) is the one http origin a message's links may use;
  // production requires https (src/config/config.ts).
  const publicUrl = () => config.siteUrl;
  const localOrigin = config.env === 'production' ? undefined : [config.siteUrl, config.adminUrl].filter(isLoopbackOrigin).map((url) => new URL(url).origin)[0];
  const shared = {
    db,
    clock,
    config,
    passwords: { hasher, problems: (password: string, person: { email?: string; name?: string }) => passwordPolicyProblems(checkPasswordPolicy(password, person)) },
    templates: createTemplateRenderer(catalog, currentSite, { localOrigin }),
    mail: {
      ...createOutbox({ expiryMinutes: config.mail.deliveryExpiryMinutes }),
      wake: () => dispatcher?.wake(),
      expiryMinutes: config.mail.deliveryExpiryMinutes,
      captureDir: resolve(config.dataDir),
    },
    scenariosDir: join(options.projectDir, 'drills'),
    procedureFile: join(options.projectDir, 'templates', 'storingsprocedure.yaml'),
    ...(options.newId ? { newId: options.newId } : {}),
  };
  const contextOver = (content: ContentPort, sitePublisher: SitePublisher, drill: boolean): UseCaseContext => ({
    ...shared,
    drill,
    content,
    publisher: sitePublisher,
    get publicUrl() {
      return publicUrl();
    },
    audience: createContactAudience({
      findSubject: (subject) => (subject.kind === 'incident' ? readIncidentFile(content.dir, subject.id) : readMaintenanceFile(content.dir, subject.id)),
      municipalities: () => catalogueOnly().municipalities,
      listContacts: (database) => listContacts(database),
      listSubscribers: (database) => listSubscribers(database),
    }),
  });

  const drillContext = contextOver(
    {
      dir: drillContentDir,
      catalogueDir: config.contentDir,
      readCatalogue: catalogueOnly,
      // Drill files sit beside the public catalogue: same products and municipalities, other incidents.
      read: (): ContentSet => ({ ...catalogue(), incidents: readAll(drillContentDir, 'incidents', readIncidentFile), maintenances: readAll(drillContentDir, 'maintenance', readMaintenanceFile) }),
    },
    // A drill never touches the public site; its page exists only as the admin's preview.
    { requestPublish: () => {}, status: () => publisher.status() },
    true,
  );
  const liveContext =
    config.mode === 'drill'
      ? drillContext
      : contextOver({ dir: config.contentDir, catalogueDir: config.contentDir, read: catalogue, readCatalogue: catalogueOnly }, { requestPublish: (reason) => void publisher.requestPublish(reason), status: () => publisher.status() }, false);
  // Only live work polls TOPdesk: a drill's signals come from its scenario, never from real calls.
  if (topdeskConfig && liveContext !== drillContext) liveContext.topdesk = createTopdeskClient(topdeskConfig);
  // Copies of the status page are live work: a drill instance's publisher only previews.
  if (targets && liveContext !== drillContext) liveContext.publishTargets = targets;

  return {
    config,
    context: liveContext,
    drillContext,
    contexts: liveContext === drillContext ? [drillContext] : [liveContext, drillContext],
    contextFor: (record) => (record.drill ? drillContext : liveContext),
    publisher,
    startDispatcher(dispatcherLog = log) {
      if (!purgeTimer) {
        purgeTimer = setInterval(() => {
          try {
            purgeSubscriptionRequests(liveContext);
          } catch (error) {
            dispatcherLog(`subscriptions: purge failed: ${error instanceof Error ? error.message : String(error)}`);
          }
        }, 3_600_000);
        purgeTimer.unref();
      }
      dispatcher ??= startDispatcher({
        db,
        transport,
        channels: createChannelSender({ db, timeoutMs: options.channelTimeoutMs ?? 10_000 }),
        config: mailConfig,
        clock,
        log: (event: DispatcherEvent) => {
          if (event.type === 'started') dispatcherLog(`mail: dispatcher started (${transport.name}); ${event.recovered} interrupted deliveries marked unknown`);
          else if (event.type === 'error' || event.type === 'drill_refused' || event.type === 'lock_lost') dispatcherLog(`mail: ${event.type}: ${'message' in event ? event.message : event.owner}`);
        },
      });
      return dispatcher;
    },
    startTopdeskPoller(pollerLog = log) {
      if (!liveContext.topdesk || !topdeskMapping || !topdeskConfig) return null;
      topdeskPoller ??= startTopdeskPoller(liveContext, { mapping: topdeskMapping, intervalSeconds: topdeskConfig.pollSeconds, log: pollerLog });
      return topdeskPoller;
    },
    startDrillSignals(schedulerLog = log) {
      // Always the drill context: a scenario's signals are drill signals, whatever the instance's mode.
      drillSignals ??= startDrillSignalScheduler(drillContext, { log: schedulerLog });
      return drillSignals;
    },
    startReminders(schedulerLog = log) {
      // Live and drill: each context's reminders stay in its own world (a drill's are only captured).
      reminders ??= startReminderScheduler(liveContext === drillContext ? [drillContext] : [liveContext, drillContext], { log: schedulerLog });
      return reminders;
    },
    async close() {
      reminders?.stop();
      reminders = null;
      drillSignals?.stop();
      drillSignals = null;
      if (purgeTimer) clearInterval(purgeTimer);
      purgeTimer = null;
      await Promise.allSettled([dispatcher?.stop(), publisher.stop(), topdeskPoller?.stop()]);
      topdeskPoller = null;
      dispatcher = null;
      await transport.close();
      db.close();
    },
  };
}

/**
 * Where drill incidents and maintenance are written: <dataDir>/drill-content. Never inside the
 * public content directory, where they would be committed and published with it.
 */
function drillDirectory(config: Config): string {
  const drillDir = resolve(config.dataDir, 'drill-content');
  const publicDir = resolve(config.contentDir);
  if (drillDir === publicDir || drillDir.startsWith(publicDir + sep)) {
    throw new Error(`the drill content directory (${drillDir}) must be outside the public content directory (${publicDir}); move HELDER_DATA_DIR`);
  }
  return drillDir;
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
