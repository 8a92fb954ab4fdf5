import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContactAudience } from '../../../src/admin/messages/adapters/contact-audience.ts';
import { createContentStatusPage } from '../../../src/admin/messages/adapters/content-status-page.ts';
import { createOutbox } from '../../../src/admin/messages/adapters/outbox.ts';
import { createTemplateRenderer } from '../../../src/admin/messages/adapters/template-renderer.ts';
import { loadTemplates, type TemplateCatalog } from '../../../src/templates/index.ts';
import type { Site } from '../../../src/domain/site.ts';
import { createFakeClock, type Clock, type FakeClock } from '../../../src/auth/clock.ts';
import { loadContent } from '../../../src/content/load-content.ts';
import { readIncidentFile, readMaintenanceFile } from '../../../src/content/write-content.ts';
import type { StoredContact } from '../../../src/domain/contact.ts';
import type { MessageActor, MessageDraftInput, MessageSubject } from '../../../src/domain/message-lifecycle.ts';
import type { Language } from '../../../src/domain/vocabulary.ts';
import type { MessageDeps, MessageRenderer, SitePublisher, StatusPageUpdate, StatusPageWriter } from '../../../src/admin/messages/ports.ts';
import { openDatabase, type Database } from '../../../src/store/database.ts';
import { insertUser } from '../../../src/store/user-repository.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
const TEMPLATES = fileURLToPath(new URL('../../../templates', import.meta.url));
const GUIDANCE = fileURLToPath(new URL('../../../content/guidance', import.meta.url));
/** The templates as checked in, loaded once per test file; each testbed renders with a copy it may change. */
let pristineCatalog: TemplateCatalog | undefined;

/**
 * A real SQLite file in a temp dir with the real migrations, users, contacts and outbox, and a
 * copy of fixture content the real content writer appends to, and the real templates engine over a
 * copy of templates/. Only the site publisher is a stand-in (its builds take seconds and are
 * tested in test/integration/publish).
 */
export interface MessagesTestbed {
  dir: string;
  file: string;
  db: Database;
  clock: FakeClock;
  deps: MessageDeps;
  renderer: ReloadableTemplates;
  statusPage: CountingStatusPage;
  publisher: RecordingPublisher;
  contentDir: string;
  drillContentDir: string;
  users: { anouk: MessageActor; bram: MessageActor; cor: MessageActor; dewi: MessageActor };
  /** What the real outbox queued: one row per recipient with the subject in their language. */
  outboxRows(messageId?: string): Array<{ message_id: string; address: string; lang: string; subject: string; drill: number }>;
  close(): void;
}

export const INCIDENT: MessageSubject = { kind: 'incident', id: '2026-11-27-registra-brp-landelijke-storing' };
/** Lives only in the drill content directory, as drill incidents do. */
export const DRILL_INCIDENT: MessageSubject = { kind: 'incident', id: '2026-11-27-oefening-landelijke-storing-registra' };

/** An update on the national Registra BRP outage, from the real "update" template, in Dutch and English. */
export function incidentUpdateDraft(overrides: Partial<MessageDraftInput> = {}): MessageDraftInput {
  return {
    subject: INCIDENT,
    template_id: 'update',
    values: {
      nl: {
        incident_title: 'Registra BRP niet bereikbaar',
        affected_products: [
          { id: 'registra-brp', name: 'Registra BRP', status: 'major_outage' },
          { id: 'registra-reisdocumenten', name: 'Registra Reisdocumenten', status: 'partial_outage' },
        ],
        started_at: '2026-11-27T08:05:00Z',
        incident_url: 'https://status.voorbeeldsoftware.nl/incidenten/2026-11-27-registra-brp-landelijke-storing/',
        update_text: 'De oorzaak is gevonden: een verlopen certificaat op de koppeling met de landelijke voorziening.',
        workaround: 'Neem aanvragen voor reisdocumenten op met het papieren noodformulier.',
        burgerbericht: 'Door een storing kunnen wij nu geen verhuizingen verwerken. U kunt een verhuizing gewoon online doorgeven.',
        kcc_script: '- **Zeg:** "Door een storing kunnen wij nu geen verhuizingen verwerken. Er wordt aan gewerkt."',
      },
      en: {
        incident_title: 'Registra BRP unavailable',
        update_text: 'We found the cause: an expired certificate on the link with the national facility.',
        workaround: 'Take travel-document applications on the paper fallback form.',
        burgerbericht: 'Because of an outage we cannot process changes of address right now. You can still report a move online.',
        kcc_script: '- **Say:** "Because of an outage we cannot process changes of address right now. It is being worked on."',
      },
    },
    status: 'identified',
    components: { 'registra-brp': 'major_outage', 'registra-reisdocumenten': 'partial_outage' },
    next_update_at: '2026-11-27T09:30:00Z',
    ...overrides,
  };
}

/** The resolution of the national Registra BRP outage, from the real "opgelost" template, with texts for after recovery. */
export function resolutionDraft(overrides: Partial<MessageDraftInput> = {}): MessageDraftInput {
  return {
    subject: INCIDENT,
    template_id: 'opgelost',
    values: {
      nl: {
        incident_title: 'Registra BRP niet bereikbaar',
        affected_products: [
          { id: 'registra-brp', name: 'Registra BRP', status: 'operational' },
          { id: 'registra-reisdocumenten', name: 'Registra Reisdocumenten', status: 'operational' },
        ],
        started_at: '2026-11-27T08:05:00Z',
        resolved_at: '2026-11-27T10:12:00Z',
        incident_url: 'https://status.voorbeeldsoftware.nl/incidenten/2026-11-27-registra-brp-landelijke-storing/',
        resolution: 'Wij hebben het verlopen certificaat vervangen en de verbinding getest.',
        burgerbericht: 'De storing is voorbij. Verhuizingen en uittreksels werken weer. U hoeft niets te doen.',
        kcc_script: '- **Zeg:** "De storing is voorbij. Verhuizingen en uittreksels werken weer."',
      },
    },
    status: 'resolved',
    components: { 'registra-brp': 'operational', 'registra-reisdocumenten': 'operational' },
    ...overrides,
  };
}

/**
 * The real templates engine over a copy of templates/, reloadable after a test changes a file
 * (a new template version) or removes a template.
 */
export class ReloadableTemplates implements MessageRenderer {
  readonly dir: string;
  readonly site: Site;
  private inner: MessageRenderer;

  /** `catalog`: an already loaded catalogue of identical files, to save loading it per test. */
  constructor(dir: string, site: Site, catalog: TemplateCatalog = loadTemplates(dir)) {
    this.dir = dir;
    this.site = site;
    this.inner = createTemplateRenderer(catalog, site);
  }

  reload(): void {
    this.inner = createTemplateRenderer(loadTemplates(this.dir), this.site);
  }

  languages(templateId: string): readonly Language[] {
    return this.inner.languages(templateId);
  }

  variableNames(templateId: string): readonly string[] {
    return this.inner.variableNames(templateId);
  }

  render(templateId: string, lang: Language, values: Readonly<Record<string, unknown>>, options: { drill: boolean }) {
    return this.inner.render(templateId, lang, values, options);
  }
}

/** Counts calls to the real content writer, so a test can see a retry does not write twice. */
export class CountingStatusPage implements StatusPageWriter {
  calls: StatusPageUpdate[] = [];
  /** Runs once just before the next real write, e.g. to break the content file at that moment. */
  beforeNextWrite: (() => void) | null = null;
  readonly inner: StatusPageWriter;
  constructor(inner: StatusPageWriter) {
    this.inner = inner;
  }
  appendUpdate(update: StatusPageUpdate) {
    this.calls.push(update);
    this.beforeNextWrite?.();
    this.beforeNextWrite = null;
    return this.inner.appendUpdate(update);
  }
}

/** Stands in for src/publish (its rebuilds take seconds and are tested there); records requests, can fail. */
export class RecordingPublisher implements SitePublisher {
  requests: Array<{ reason: string; drill: boolean }> = [];
  failuresLeft = 0;

  async requestPublish(request: { reason: string; drill: boolean }): Promise<void> {
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('publisher unavailable: the build directory is not writable');
    }
    this.requests.push(request);
  }
}

/** Reads the real contacts table (src/store/migrations/0300-contacts.sql). */
export function listContactsFromTable(db: Database): StoredContact[] {
  const rows = db.prepare('SELECT * FROM contacts ORDER BY id').all() as Array<{
    id: number;
    municipality: string;
    name: string;
    email: string;
    role: string;
    language: Language;
    products: string;
    active: number;
    unsubscribed_at: string | null;
  }>;
  return rows.map((row) => ({
    id: row.id,
    municipality: row.municipality,
    name: row.name,
    email: row.email,
    role: row.role,
    language: row.language,
    products: JSON.parse(row.products) as StoredContact['products'],
    active: row.active === 1,
    unsubscribedAt: row.unsubscribed_at === null ? null : new Date(row.unsubscribed_at),
  }));
}

export function insertContact(
  db: Database,
  contact: { municipality: string; name: string; email: string; language: Language; products?: 'all' | string[]; active?: boolean; unsubscribed?: boolean },
): number {
  const at = '2026-11-01T09:00:00.000Z';
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO contacts (municipality, name, email, role, language, products, active, unsubscribed_at, unsubscribed_via, created_at, updated_at)
       VALUES (?, ?, ?, 'servicedesk', ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      contact.municipality,
      contact.name,
      contact.email,
      contact.language,
      JSON.stringify(contact.products ?? 'all'),
      contact.active === false ? 0 : 1,
      contact.unsubscribed ? at : null,
      contact.unsubscribed ? 'link' : null,
      at,
      at,
    );
  return Number(lastInsertRowid);
}

/**
 * The message ports over real parts: contacts table + recipients rule for the audience, the real
 * outbox, the real content writer on a copy of the fixture content. Rendering and publishing are
 * the two stand-ins.
 */
export function buildDeps(db: Database, dir: string, clock: Clock, options: { pristineTemplates?: TemplateCatalog } = {}): {
  deps: MessageDeps;
  renderer: ReloadableTemplates;
  statusPage: CountingStatusPage;
  publisher: RecordingPublisher;
} {
  const contentDir = join(dir, 'content');
  const drillContentDir = join(dir, 'drill-content');
  const content = loadContent(contentDir);
  const municipalities = content.municipalities;
  const renderer = new ReloadableTemplates(join(dir, 'templates'), content.site, options.pristineTemplates);
  const statusPage = new CountingStatusPage(createContentStatusPage({ contentDir, drillContentDir }));
  const publisher = new RecordingPublisher();
  const audience = createContactAudience({
    findSubject: (subject, drill) => {
      const from = drill ? drillContentDir : contentDir;
      return subject.kind === 'incident' ? readIncidentFile(from, subject.id) : readMaintenanceFile(from, subject.id);
    },
    municipalities: () => municipalities,
    listContacts: listContactsFromTable,
  });
  let sequence = 0;
  return {
    deps: {
      db,
      clock,
      renderer,
      audience,
      outbox: createOutbox(),
      statusPage,
      publisher,
      newId: () => `msg-${process.pid}-${String(++sequence).padStart(4, '0')}`,
    },
    renderer,
    statusPage,
    publisher,
  };
}

const DUMMY_PHC = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g';

export function openTestbed(): MessagesTestbed {
  const dir = mkdtempSync(join(tmpdir(), 'helder-messages-'));
  cpSync(FIXTURES, dir, { recursive: true });
  // The fixture catalogue is the demo catalogue; its continuity guidance is the demo's too.
  cpSync(GUIDANCE, join(dir, 'content', 'guidance'), { recursive: true });
  cpSync(TEMPLATES, join(dir, 'templates'), { recursive: true });
  const file = join(dir, 'data', 'helder.sqlite');
  const db = openDatabase(file);
  const clock = createFakeClock('2026-11-27T08:50:00Z');
  const at = clock.now();
  const user = (email: string, name: string, roles: MessageActor['roles']): MessageActor => {
    const created = insertUser(db, { email, name, passwordHash: DUMMY_PHC, roles, at });
    return { userId: created.id, name: created.name, roles };
  };
  const users = {
    anouk: user('anouk.devries@voorbeeldsoftware.nl', 'Anouk de Vries', ['composer']),
    bram: user('bram.jansen@voorbeeldsoftware.nl', 'Bram Jansen', ['approver']),
    cor: user('cor.bakker@voorbeeldsoftware.nl', 'Cor Bakker', ['composer', 'approver']),
    dewi: user('dewi.pinas@voorbeeldsoftware.nl', 'Dewi Pinas', ['approver']),
  };
  // Three who receive a Registra BRP message, and three who must not.
  insertContact(db, { municipality: 'GM0344', name: 'Servicedesk Burgerzaken Utrecht', email: 'servicedesk@utrecht.nl', language: 'nl' });
  insertContact(db, { municipality: 'GM0363', name: 'Applicatiebeheer Amsterdam', email: 'applicatiebeheer@amsterdam.nl', language: 'nl', products: ['registra-brp', 'zaakstroom'] });
  insertContact(db, { municipality: 'GM0772', name: 'Civil Affairs Eindhoven', email: 'burgerzaken@eindhoven.nl', language: 'en' });
  insertContact(db, { municipality: 'GM0855', name: 'Klantcontactcentrum Tilburg', email: 'klantcontactcentrum@tilburg.nl', language: 'nl', active: false });
  insertContact(db, { municipality: 'GM0758', name: 'Belastingen Breda', email: 'belastingen@breda.nl', language: 'nl', products: ['taxo-belastingen'] });
  insertContact(db, { municipality: 'GM0014', name: 'Burgerzaken Groningen', email: 'burgerzaken@groningen.nl', language: 'nl', unsubscribed: true });
  pristineCatalog ??= loadTemplates(TEMPLATES);
  const { deps, renderer, statusPage, publisher } = buildDeps(db, dir, clock, { pristineTemplates: pristineCatalog });
  return {
    dir,
    file,
    db,
    clock,
    deps,
    renderer,
    statusPage,
    publisher,
    users,
    contentDir: join(dir, 'content'),
    drillContentDir: join(dir, 'drill-content'),
    outboxRows: (messageId) =>
      db
        .prepare(
          `SELECT d.message_id, d.recipient AS address, d.language AS lang, r.subject, m.drill
             FROM outbox_deliveries d JOIN outbox_messages m ON m.id = d.message_id
             JOIN outbox_renderings r ON r.message_id = d.message_id AND r.language = d.language
            WHERE ? IS NULL OR d.message_id = ? ORDER BY d.message_id, d.recipient`,
        )
        .all(messageId ?? null, messageId ?? null) as never,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Audit rows about one message, oldest first, as [action, actor name, details.event]. */
export function auditTrail(db: Database, messageId: string): Array<[string, string, string]> {
  const rows = db
    .prepare("SELECT action, actor_name, details FROM audit_log WHERE subject_type = 'message' AND subject_id = ? ORDER BY seq")
    .all(messageId) as Array<{ action: string; actor_name: string; details: string }>;
  return rows.map((row) => [row.action, row.actor_name, (JSON.parse(row.details) as { event?: string }).event ?? '-']);
}
