import type { Clock } from '../domain/clock.ts';
import type { PasswordHasher } from '../auth/password-hasher.ts';
import type { Config } from '../config/config.ts';
import type { ApprovalRecipient } from '../domain/approval-hash.ts';
import type { ChannelContent } from '../domain/channel.ts';
import type { ContentSet, Problem, ReadyTexts } from '../domain/index.ts';
import type { MessageSubject } from '../domain/message-lifecycle.ts';
import type { Language } from '../domain/vocabulary.ts';
import type { PublishStatus } from '../publish/create-publisher.ts';
import type { Database } from '../store/database.ts';
import type { TemplateSummary } from '../templates/index.ts';

/**
 * The one context every use case takes. The composition root (src/composition) builds one per
 * mode — live, and drill — so a use case never asks which mode it runs in: the drill context's
 * content directory is the drill content, its publisher only refreshes the admin's preview, and
 * every audit entry it writes is marked drill. Where the difference is the feature itself (the
 * drill banner, the drill report), `drill` says which context this is.
 */
export interface UseCaseContext {
  /** The embedded SQLite store: users, sessions, messages, outbox, audit log, drills. */
  db: Database;
  clock: Clock;
  /** Validated configuration (src/config). */
  config: Config;
  /** True for the drill context: everything it writes is an exercise. */
  drill: boolean;
  /** Passwords: hashing, and the policy (it reads a word list that lives next to the server's code). */
  passwords: { hasher: PasswordHasher; problems(password: string, person: { email?: string; name?: string }): Problem[] };
  /** The public record this context works on (content/ for live, the drill content for drills). */
  content: ContentPort;
  /** Message templates, with this installation's site bound in. */
  templates: MessageRenderer;
  /** Who receives a message about a subject of this context's content. */
  audience: AudienceResolver;
  /** The durable outbox, and the dispatcher that empties it. */
  mail: MailPort;
  /** Rebuilds of the public site (live) or nothing but the admin's preview (drill). */
  publisher: SitePublisher;
  /** The shipped drill scenarios (<project>/drills). */
  scenariosDir: string;
  /** The storingsprocedure (<project>/templates/storingsprocedure.yaml): an opened incident's checklist. */
  procedureFile: string;
  /** The status page's address as messages link to it. */
  publicUrl: string;
  /** New message ids; random UUIDs unless a test needs predictable ones. */
  newId?: () => string;
  /** TOPdesk's incident API, when TOPDESK_* is configured; only the live context has it (drills never poll). */
  topdesk?: TopdeskPort;
  /** The copies of the status page elsewhere (S3, command hook), when configured; only the live context has them. */
  publishTargets?: PublishTargetsPort;
}

/** The publish targets (src/deploy/target-publisher.ts). */
export interface PublishTargetsPort {
  /** Tries a failed copy again now; false when that target's last copy did not fail. */
  retryNow(kind: 's3' | 'command'): boolean;
}

/** Reads incidents from TOPdesk's REST API (src/composition/adapters/topdesk-client.ts). */
export interface TopdeskPort {
  /** The mapping file's path (TOPDESK_MAPPING_FILE). */
  mappingFile: string;
  /**
   * Every incident created at or after `since`, all pages, oldest first. Retries 429 and 5xx with
   * backoff; throws a TopdeskError for 401/403 and when retries run out.
   */
  incidentsCreatedSince(since: Date): Promise<{ incidents: unknown[]; pages: number }>;
}

/** The content directory of one context, read fresh on every call: use cases change it. */
export interface ContentPort {
  /** Where this context writes incidents and maintenance. */
  dir: string;
  /** The public content directory: the catalogue of products and municipalities and the site. */
  catalogueDir: string;
  /** Catalogue plus this context's incidents and maintenance. */
  read(): ContentSet;
  /** The catalogue alone (site, groups, products, municipalities): works while an incident file is broken. */
  readCatalogue(): Pick<ContentSet, 'site' | 'groups' | 'components' | 'municipalities'>;
}

/** One language of a template, rendered for this installation's site. */
export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
  statusPageMarkdown: string;
  templateId: string;
  /** A content hash of the template's files: a changed template voids pending approvals. */
  templateVersion: string;
}

/**
 * The templates engine (src/templates) with the site bound in. Renders with the unsubscribe
 * placeholder, never a personal link: the approval hash covers what every recipient shares.
 * Throws when the values do not satisfy the template's variable schema.
 */
export interface MessageRenderer {
  list(): readonly TemplateSummary[];
  /** The languages a template is written in; "nl" always among them. */
  languages(templateId: string): readonly Language[];
  /** The names of the variables a template declares (its values schema refuses any other). */
  variableNames(templateId: string): readonly string[];
  exampleValues(templateId: string, lang: Language): Record<string, unknown>;
  render(templateId: string, lang: Language, values: Readonly<Record<string, unknown>>, options: { drill: boolean }): RenderedMessage;
}

/**
 * Who receives a message now: active, subscribed contacts of the municipalities the subject
 * touches, deduplicated by address. Synchronous and read from `db`, because approval calls it
 * inside its transaction to freeze exactly the audience it checks.
 */
export interface AudienceResolver {
  resolve(db: Database, subject: MessageSubject): readonly ApprovalRecipient[];
}

/** What the outbox receives at approval: the frozen renderings and audience. */
export interface ApprovedMessage {
  messageId: string;
  subject: MessageSubject;
  /** Messages with the same thread key form one thread in mail clients. */
  threadKey: string;
  drill: boolean;
  approvedAt: Date;
  approvedBy: { userId: number; name: string };
  renderings: ReadonlyArray<{ lang: Language; subject: string; html: string; text: string }>;
  recipients: readonly ApprovalRecipient[];
  /** Teams, Slack and webhook destinations, with what their messages say (frozen now). */
  channels?: { content: ChannelContent; destinations: ReadonlyArray<{ id: number; name: string }> };
}

export interface MailPort {
  /**
   * Queues an approved message in the durable outbox. Called INSIDE the approval transaction: it
   * writes with `db` and begins no transaction of its own, so approval and queue commit together.
   */
  enqueue(db: Database, message: ApprovedMessage): void;
  /** Asks the dispatcher to look at the outbox now; the use case that queues mail calls it after commit. */
  wake(): void;
  /** How long a delivery is retried before it expires. */
  expiryMinutes: number;
  /** Where the local mailbox and drill captures keep their .eml files. */
  captureDir: string;
}

/** The status-page text of an approved message, as an update of its incident or maintenance. */
export interface StatusPageUpdate {
  messageId: string;
  subject: MessageSubject;
  drill: boolean;
  /** The approval time; a retry passes the same instant. */
  at: Date;
  status: string;
  components: Readonly<Record<string, string>>;
  nextUpdateAt: Date | null;
  body: { nl: string; en?: string };
  /** The message's texts for residents and the KCC, kept with the incident update they went out with. */
  readyTexts?: ReadyTexts;
}

/**
 * The public site's publisher (src/publish). Requests are stored before it returns, so callers do
 * not wait for the build; the build reports its own outcome on the dashboard.
 */
export interface SitePublisher {
  requestPublish(reason: string): void;
  status(): PublishStatus;
}
