import type { Clock } from '../../auth/clock.ts';
import type { ApprovalRecipient } from '../../domain/approval-hash.ts';
import type { ReadyTexts } from '../../domain/guidance.ts';
import type { MessageSubject } from '../../domain/message-lifecycle.ts';
import type { Language } from '../../domain/vocabulary.ts';
import type { Database } from '../../store/database.ts';

/**
 * What the message use cases need from the rest of Helder. The composition root passes the real
 * implementations (templates catalogue, contacts, outbox, content writer, publisher); nothing in
 * this folder knows how they work.
 */

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
 * The templates engine (src/templates `loadTemplates()` with the site bound in). Renders with the
 * unsubscribe placeholder, never a personal link: the hash covers what every recipient shares.
 * Throws when the values do not satisfy the template's variable schema.
 */
export interface MessageRenderer {
  /** The languages a template is written in; "nl" always among them. */
  languages(templateId: string): readonly Language[];
  /** The names of the variables a template declares (its values schema refuses any other). */
  variableNames(templateId: string): readonly string[];
  render(templateId: string, lang: Language, values: Readonly<Record<string, unknown>>, options: { drill: boolean }): RenderedMessage;
}

/**
 * Who receives a message now: active, subscribed contacts of the municipalities the subject
 * touches, deduplicated by address. Synchronous and read from `db`, because approval calls it
 * inside its transaction to freeze exactly the audience it checks.
 */
export interface AudienceResolver {
  resolve(db: Database, subject: MessageSubject, options: { drill: boolean }): readonly ApprovalRecipient[];
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
}

/**
 * The durable outbox (src/mail `enqueueMessage`). Called INSIDE the approval transaction: it must
 * write with `db` and not begin a transaction of its own, so approval and queue commit together.
 */
export interface MessageOutbox {
  enqueue(db: Database, message: ApprovedMessage): void;
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
 * The content writer (src/content/write-content.ts). Must be idempotent for the same
 * (subject, at): publication is retried after failures, and a crash can fall between writing the
 * file and recording that it was written. Drill updates go to the drill content, never `content/`.
 */
export interface StatusPageWriter {
  appendUpdate(update: StatusPageUpdate): void | Promise<void>;
}

/**
 * The publisher (src/publish `requestPublish`). Resolves once the rebuild is requested or queued;
 * a drill publish only refreshes the admin's preview of the page.
 */
export interface SitePublisher {
  requestPublish(request: { reason: string; drill: boolean }): unknown;
}

export interface MessageDeps {
  db: Database;
  clock: Clock;
  renderer: MessageRenderer;
  audience: AudienceResolver;
  outbox: MessageOutbox;
  statusPage: StatusPageWriter;
  publisher: SitePublisher;
  /** New message ids; random UUIDs unless a test needs predictable ones. */
  newId?: () => string;
}
