import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createArgon2idHasher, type PasswordHasher } from '../../src/auth/password-hasher.ts';
import type { Role } from '../../src/auth/roles.ts';
import type { SignedInUser } from '../../src/auth/signed-in-user.ts';
import { createHelderApp } from '../../src/composition/create-app.ts';
import type { HelderApp } from '../../src/composition/helder-app.ts';
import { loadConfig, type Config } from '../../src/config/config.ts';
import { createFakeClock, type Clock, type FakeClock } from '../../src/domain/clock.ts';
import { ContactSchema, type ContactInput } from '../../src/domain/contact.ts';
import type { Publisher, PublishStatus } from '../../src/publish/create-publisher.ts';
import { insertContact } from '../../src/store/contacts-repository.ts';
import type { Database } from '../../src/store/database.ts';
import { insertUser } from '../../src/store/user-repository.ts';
import { loadTemplates, type TemplateCatalog } from '../../src/templates/index.ts';
import type { UseCaseContext } from '../../src/use-cases/context.ts';
import { PROJECT_ROOT } from './build-site.ts';

/**
 * A whole Helder on the production wiring (src/composition, exactly as `npm start` builds it) over
 * real parts: a real SQLite file in a temp directory, a copy of real content, the real templates,
 * the real outbox with the local mailbox or a given SMTP server, and a fake clock. Only the site
 * publisher is a recorder by default (a public build takes seconds; test/integration/publish and
 * the e2e tests run the real one, `publisher: 'real'`).
 */
export interface TestAppOptions {
  /** The content to copy: the demo content (default), or a fixture folder (absolute, or relative to the project). */
  content?: string;
  /** Copy only the catalogue of `content` (site, products, municipalities): no incidents or maintenance yet. */
  catalogueOnly?: boolean;
  /** A folder whose incidents/ and maintenance/ become the drill content (relative to the project). */
  drillContent?: string;
  /** The fake clock's start, or 'now': a clock that runs with real time (the real publisher builds at real time). */
  start?: Date | string | 'now';
  /** Extra configuration, e.g. { HELDER_MODE: 'drill', SMTP_URL: sink.url }. */
  env?: Record<string, string>;
  publisher?: 'recording' | 'real';
  /** The contacts to seed; default: CONTACTS (three who receive a Registra BRP message, two who must not). */
  contacts?: readonly ContactInput[];
  /** false: no colleagues yet, for tests of the accounts use cases that add their own. */
  people?: boolean;
  /**
   * 'copy': the app reads templates from its own copy in the temp directory, which a test may change;
   * the change takes effect at `restart()`, as a template change does in production.
   */
  templates?: 'shared' | 'copy';
  /** The password hasher; default: the real argon2id with FAST_ARGON2ID. */
  hasher?: PasswordHasher;
  /** Message ids: predictable ("msg-0001", default) for assertions, or random UUIDs as in production. */
  messageIds?: 'sequence' | 'random';
  /** How long a Teams, Slack or webhook receiver may take (default 10 s). */
  channelTimeoutMs?: number;
}

export interface TestApp {
  root: string;
  app: HelderApp;
  config: Config;
  /** The environment the configuration was read from (relative to `root`): a second process opens the same installation with it. */
  env: Record<string, string>;
  /** The live context (the drill context in a training instance). */
  ctx: UseCaseContext;
  /** Where drills run. */
  drill: UseCaseContext;
  db: Database;
  clock: FakeClock;
  contentDir: string;
  drillContentDir: string;
  dataDir: string;
  /** The templates the app reads: the checked-in folder, or the test's own copy (`templates: 'copy'`). */
  templatesDir: string;
  /** What the publisher was asked for (also with `publisher: 'real'`). */
  publishRequests: string[];
  /** The next `count` publish requests fail, as they do when the publish queue cannot store them (recording publisher only). */
  refusePublishRequests(count: number): void;
  people: Record<Person, SignedInUser>;
  /** Stops the app and starts it again on the same data, content and templates, as a server restart does (optionally with another password hasher). */
  restart(changes?: { hasher?: PasswordHasher }): Promise<void>;
  close(): Promise<void>;
}

/** The colleagues of the tests, one or two roles each, with the passwords the browser tests type. */
export const PEOPLE = {
  anouk: { email: 'anouk.devries@voorbeeldsoftware.nl', name: 'Anouk de Vries', roles: ['composer'], password: 'paars-kanaal-fiets-92-Wolk' },
  bram: { email: 'bram.jansen@voorbeeldsoftware.nl', name: 'Bram Jansen', roles: ['approver'], password: 'groene-molen-sluis-47-Dijk' },
  cor: { email: 'cor.bakker@voorbeeldsoftware.nl', name: 'Cor Bakker', roles: ['admin'], password: 'oranje-brug-polder-15-Gracht' },
  dewi: { email: 'dewi.pinas@voorbeeldsoftware.nl', name: 'Dewi Pinas', roles: ['approver'], password: 'blauwe-tram-haven-38-Kade' },
  eva: { email: 'eva.koster@voorbeeldsoftware.nl', name: 'Eva Koster', roles: ['composer', 'approver'], password: 'witte-zeil-meer-53-Strand' },
  fatima: { email: 'fatima.elamrani@voorbeeldsoftware.nl', name: 'Fatima El Amrani', roles: ['admin', 'approver'], password: 'rode-fiets-gracht-21-Brug' },
  sanne: { email: 'sanne.devries@voorbeeldsoftware.nl', name: 'Sanne de Vries', roles: ['composer'], password: 'gele-molen-dijk-64-Sluis' },
} as const satisfies Record<string, { email: string; name: string; roles: readonly Role[]; password: string }>;
export type Person = keyof typeof PEOPLE;

/** Three who receive a Registra BRP message, and two who must not (inactive, other product). */
export const CONTACTS: readonly ContactInput[] = [
  { municipality: 'GM0344', name: 'Servicedesk Burgerzaken Utrecht', email: 'servicedesk@utrecht.nl', role: 'servicedesk', language: 'nl', products: 'all' },
  { municipality: 'GM0363', name: 'Applicatiebeheer Amsterdam', email: 'applicatiebeheer@amsterdam.nl', role: 'applicatiebeheer', language: 'nl', products: ['registra-brp', 'zaakstroom'] },
  { municipality: 'GM0772', name: 'Civil Affairs Eindhoven', email: 'burgerzaken@eindhoven.nl', role: 'servicedesk', language: 'en', products: 'all' },
  { municipality: 'GM0855', name: 'Klantcontactcentrum Tilburg', email: 'klantcontactcentrum@tilburg.nl', role: 'kcc', language: 'nl', products: 'all', active: false },
  { municipality: 'GM0758', name: 'Belastingen Breda', email: 'belastingen@breda.nl', role: 'belastingen', language: 'nl', products: ['taxo-belastingen'] },
];

/** Configuration that hands the app's mail to an SMTP server: a test's real smtp-server on 127.0.0.1. */
export function smtpEnv(url: string): Record<string, string> {
  return { SMTP_URL: url, MAIL_FROM: 'Storingsdienst Voorbeeld Software <storingen@voorbeeldsoftware.nl>' };
}

/** Cheap argon2id parameters: the real algorithm and code path, a fraction of the cost. */
export const FAST_ARGON2ID = { memory: 256, passes: 1, parallelism: 1, tagLength: 32 };

const CATALOGUE_FILES = ['site.yaml', 'components.yaml', 'municipalities.yaml'];

/** The templates as checked in, loaded once per test file (loading and checking takes a moment). */
let sharedTemplates: TemplateCatalog | undefined;

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const root = mkdtempSync(join(tmpdir(), 'helder-test-'));
  try {
    return await setUp(root, options);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

async function setUp(root: string, options: TestAppOptions): Promise<TestApp> {
  const contentDir = join(root, 'content');
  const source = join(PROJECT_ROOT, options.content ?? 'content');
  if (options.catalogueOnly) {
    mkdirSync(contentDir);
    for (const name of CATALOGUE_FILES) cpSync(join(source, name), join(contentDir, name));
  } else cpSync(source, contentDir, { recursive: true });
  // Every product needs its continuity guidance for the content to be valid; the fixture
  // catalogues are the demo catalogue, so they share the demo's guidance.
  if (!existsSync(join(contentDir, 'guidance'))) cpSync(join(PROJECT_ROOT, 'content', 'guidance'), join(contentDir, 'guidance'), { recursive: true });
  const templatesDir = options.templates === 'copy' ? join(root, 'templates') : join(PROJECT_ROOT, 'templates');
  if (options.templates === 'copy') cpSync(join(PROJECT_ROOT, 'templates'), templatesDir, { recursive: true });
  // Incremental publishing starts a warm renderer beside the server: only the tests of it need one.
  const env = { HELDER_ENV: 'demo', HELDER_DATA_DIR: 'data', HELDER_CONTENT_DIR: 'content', HELDER_HOST: '127.0.0.1', HELDER_INCREMENTAL_PUBLISH: 'false', ...options.env };
  const clock = options.start === 'now' ? runningClock() : createFakeClock(options.start ?? '2026-11-27T08:50:00Z');
  const publishRequests: string[] = [];
  const failures = { left: 0 };
  let sequence = 0;
  let hasher = options.hasher;
  const open = () =>
    openHelderApp(root, env, {
      clock,
      ...(options.templates === 'copy' ? { templatesDir } : {}),
      ...(hasher ? { hasher } : {}),
      publisher: options.publisher === 'real' ? 'real' : recordingPublisher(publishRequests, failures),
      ...(options.messageIds === 'random' ? {} : { newId: () => `msg-${String(++sequence).padStart(4, '0')}` }),
      ...(options.channelTimeoutMs ? { channelTimeoutMs: options.channelTimeoutMs } : {}),
    });
  let app = open();
  if (options.publisher === 'real') recordRequests(app, publishRequests);
  if (options.drillContent) {
    for (const folder of ['incidents', 'maintenance']) {
      const from = join(PROJECT_ROOT, options.drillContent, folder);
      if (statSync(from, { throwIfNoEntry: false })?.isDirectory()) cpSync(from, join(app.drillContext.content.dir, folder), { recursive: true });
    }
  }
  const db = app.context.db;
  const people = {} as Record<Person, SignedInUser>;
  if (options.people !== false) {
    for (const [key, person] of Object.entries(PEOPLE) as Array<[Person, (typeof PEOPLE)[Person]]>) {
      // Their real passwords, hashed with the fast parameters: browser tests sign in with them.
      const passwordHash = await app.context.passwords.hasher.hash(person.password);
      const created = insertUser(db, { email: person.email, name: person.name, passwordHash, roles: [...person.roles], at: clock.now() });
      people[key] = { kind: 'user', userId: created.id, email: person.email, name: person.name, roles: [...person.roles], sessionId: `sessie-${created.id}`, sessionStartedAt: clock.now() };
    }
  }
  for (const contact of options.contacts ?? CONTACTS) insertContact(db, ContactSchema.parse(contact), new Date('2026-11-01T09:00:00Z'));
  const test: TestApp = {
    root,
    app,
    config: app.config,
    env,
    ctx: app.context,
    drill: app.drillContext,
    db,
    clock,
    contentDir: app.config.contentDir,
    drillContentDir: app.drillContext.content.dir,
    dataDir: app.config.dataDir,
    templatesDir,
    publishRequests,
    refusePublishRequests(count) {
      if (options.publisher === 'real') throw new Error('refusePublishRequests works on the recording publisher only');
      failures.left = count;
    },
    people,
    async restart(changes = {}) {
      await app.close();
      hasher = changes.hasher ?? hasher;
      app = open();
      if (options.publisher === 'real') recordRequests(app, publishRequests);
      Object.assign(test, { app, config: app.config, ctx: app.context, drill: app.drillContext, db: app.context.db });
    },
    async close() {
      await app.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return test;
}

/**
 * The composition root over the installation in `root`, configured from `env` exactly as a server
 * started there would be: what createTestApp builds, and what a second process opens to work on the
 * same database and content at the same time. Never builds a site unless `publisher: 'real'`.
 */
export function openHelderApp(
  root: string,
  env: Record<string, string>,
  options: { clock: Clock; templatesDir?: string; hasher?: PasswordHasher; publisher?: Publisher | 'real'; newId?: () => string; channelTimeoutMs?: number },
): HelderApp {
  const config = loadConfig(env, root);
  return createHelderApp(config, {
    projectDir: PROJECT_ROOT,
    clock: options.clock,
    hasher: options.hasher ?? createArgon2idHasher(FAST_ARGON2ID),
    ...(options.templatesDir ? { templatesDir: options.templatesDir } : { templates: checkedInTemplates() }),
    ...(options.publisher === 'real' ? {} : { publisher: options.publisher ?? recordingPublisher([], { left: 0 }) }),
    ...(options.newId ? { newId: options.newId } : {}),
    ...(options.channelTimeoutMs ? { channelTimeoutMs: options.channelTimeoutMs } : {}),
    log: () => {},
  });
}

/** The checked-in templates as the app loads them, for tests that prefill values as the compose screen does. */
export function checkedInTemplates(): TemplateCatalog {
  sharedTemplates ??= loadTemplates(join(PROJECT_ROOT, 'templates'));
  return sharedTemplates;
}

/** Real time from `start` on (real time itself without one), which a test can still move forward (advance) or set. */
export function runningClock(start?: Date): FakeClock {
  let offset = start ? start.getTime() - Date.now() : 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (milliseconds) => {
      offset += milliseconds;
    },
    set: (instant) => {
      offset = new Date(instant).getTime() - Date.now();
    },
  };
}

function recordRequests(app: HelderApp, requests: string[]): void {
  const real = app.publisher.requestPublish.bind(app.publisher);
  app.publisher.requestPublish = (reason) => (requests.push(reason), real(reason));
}

/** Records what would be rebuilt; never builds. A refused request throws at once, as the real queue does when it cannot store it. */
function recordingPublisher(requests: string[], failures: { left: number }): Publisher {
  const status: PublishStatus = { running: null, pending: 0, lastRun: null, lastSuccess: null, lastError: null, currentBuildId: null, nextScheduled: null, nextRetry: null };
  return {
    requestPublish(reason) {
      if (failures.left > 0) {
        failures.left -= 1;
        throw new Error('publisher unavailable: the build directory is not writable');
      }
      requests.push(reason);
      return Promise.resolve({ status: 'pending', requestId: requests.length, run: null });
    },
    start() {},
    status: () => status,
    history: () => [],
    async stop() {},
  };
}

/** Audit rows about one subject, oldest first, as [action, actor name, details.event]. */
export function auditTrail(db: Database, subject: { type: string; id: string }): Array<[string, string, string]> {
  const rows = db
    .prepare('SELECT action, actor_name, details FROM audit_log WHERE subject_type = ? AND subject_id = ? ORDER BY seq')
    .all(subject.type, subject.id) as Array<{ action: string; actor_name: string; details: string }>;
  return rows.map((row) => [row.action, row.actor_name, (JSON.parse(row.details) as { event?: string }).event ?? '-']);
}

/** What the outbox queued: one row per recipient with the subject in their language. */
export function outboxRows(db: Database, messageId?: string): Array<{ message_id: string; address: string; lang: string; subject: string; drill: number }> {
  return db
    .prepare(
      `SELECT d.message_id, d.recipient AS address, d.language AS lang, r.subject, m.drill
         FROM outbox_deliveries d JOIN outbox_messages m ON m.id = d.message_id
         JOIN outbox_renderings r ON r.message_id = d.message_id AND r.language = d.language
        WHERE ? IS NULL OR d.message_id = ? ORDER BY d.message_id, d.recipient`,
    )
    .all(messageId ?? null, messageId ?? null) as never;
}

/**
 * Every file under `dir` with its content, to prove that a refused change wrote nothing. The
 * SQLite files are left out (a rolled-back transaction still touches the WAL); tests check the
 * audit log for database writes instead.
 */
export function snapshotTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (/\.(?:db|sqlite)(?:-wal|-shm|-journal)?$/.test(name)) continue;
      const stats = statSync(path, { throwIfNoEntry: false });
      if (stats?.isDirectory()) walk(path);
      else files[relative(dir, path)] = stats ? readFileSync(path, 'utf8') : '(dangling link)';
    }
  };
  walk(dir);
  return files;
}
