import { z } from 'zod';
import { SlugSchema, TimestampSchema } from './ids.ts';
import { ComponentStatusChangesSchema, IncidentStatusSchema } from './incident.ts';
import { MaintenanceStatusSchema } from './maintenance.ts';

/**
 * The life of a message to municipalities, with four-eyes approval:
 *
 *   draft ──submit──▶ submitted ──approve──▶ approved ──publish──▶ published
 *     ▲                 │  │
 *     └─return_to_draft─┘  └─reject──▶ rejected ──return_to_draft──▶ draft
 *
 * Cancel ends a draft, submitted or rejected message. "Approved" means cleared to go out and
 * handed to the outbox; "published" means its status-page text is in the content and a rebuild
 * was requested. Neither means delivered: per-recipient delivery is the outbox's business.
 */

export const MESSAGE_STATES = ['draft', 'submitted', 'approved', 'published', 'rejected', 'cancelled'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

export const MESSAGE_ACTIONS = ['edit', 'submit', 'return_to_draft', 'approve', 'reject', 'void', 'cancel', 'publish'] as const;
export type MessageAction = (typeof MESSAGE_ACTIONS)[number];

/** Staff roles as the admin knows them: opsteller, goedkeurder, beheerder. */
export const STAFF_ROLES = ['composer', 'approver', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * Someone acting on a message; the same shape as the signed-in Principal of src/auth. System steps
 * (publishing after approval) run as the user whose request caused them.
 */
export interface MessageActor {
  /** The user's id in the store. */
  userId: number;
  /** Display name, recorded in the audit log. */
  name: string;
  roles: readonly StaffRole[];
}

/**
 * The transition table: the only legal moves. A missing entry is an illegal move.
 * `void` is the system's move when an approval attempt finds the content changed since submit.
 */
export const MESSAGE_TRANSITIONS: Readonly<Record<MessageState, Readonly<Partial<Record<MessageAction, MessageState>>>>> = {
  draft: { edit: 'draft', submit: 'submitted', cancel: 'cancelled' },
  submitted: { approve: 'approved', reject: 'rejected', return_to_draft: 'draft', void: 'draft', cancel: 'cancelled' },
  rejected: { return_to_draft: 'draft', cancel: 'cancelled' },
  approved: { publish: 'published' },
  published: {},
  cancelled: {},
};

/**
 * Who may take each action (kept in step with PERMISSIONS in src/auth/roles.ts). A composer
 * writes and submits; an approver approves or rejects; publishing is retried by whoever watches
 * the dashboard. Admin alone grants none of the others: handing out roles must not be a back door
 * around four-eyes.
 */
export const MESSAGE_ACTION_ROLES: Readonly<Record<MessageAction, readonly StaffRole[]>> = {
  edit: ['composer'],
  submit: ['composer'],
  return_to_draft: ['composer', 'approver'],
  approve: ['approver'],
  reject: ['approver'],
  void: ['approver'],
  cancel: ['composer', 'approver'],
  publish: ['approver', 'admin'],
};

/** States a message cannot leave. */
export function isFinalState(state: MessageState): boolean {
  return Object.keys(MESSAGE_TRANSITIONS[state]).length === 0;
}

/* ----------------------------------------------------------------------------------------------
 * Errors: one class per illegal move, each with a stable code the admin maps to a Dutch text.
 * -------------------------------------------------------------------------------------------- */

export class MessageLifecycleError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An action the transition table does not allow in the message's current state. */
export class IllegalTransitionError extends MessageLifecycleError {
  readonly state: MessageState;
  readonly action: MessageAction;
  constructor(code: string, state: MessageState, action: MessageAction, why: string) {
    super(code, `cannot ${action.replaceAll('_', ' ')} ${/^[aeiou]/.test(state) ? 'an' : 'a'} ${state} message: ${why}`);
    this.state = state;
    this.action = action;
  }
}

export class EditNotAllowedError extends IllegalTransitionError {
  constructor(state: MessageState) {
    super('edit_not_allowed', state, 'edit', 'edits are only possible in draft; return the message to draft first');
  }
}
export class SubmitNotAllowedError extends IllegalTransitionError {
  constructor(state: MessageState) {
    super('submit_not_allowed', state, 'submit', 'only a draft can be submitted for approval');
  }
}
export class ReturnToDraftNotAllowedError extends IllegalTransitionError {
  constructor(state: MessageState) {
    super('return_to_draft_not_allowed', state, 'return_to_draft', 'only a submitted or rejected message can go back to draft');
  }
}
export class ApproveNotAllowedError extends IllegalTransitionError {
  constructor(state: MessageState) {
    super('approve_not_allowed', state, 'approve', state === 'approved' || state === 'published'
      ? 'it is already approved'
      : 'only a submitted message can be approved');
  }
}
export class RejectNotAllowedError extends IllegalTransitionError {
  constructor(state: MessageState) {
    super('reject_not_allowed', state, 'reject', 'only a submitted message can be rejected');
  }
}
export class VoidNotAllowedError extends IllegalTransitionError {
  constructor(state: MessageState) {
    super('void_not_allowed', state, 'void', 'only a pending submission can be voided');
  }
}
export class CancelNotAllowedError extends IllegalTransitionError {
  constructor(state: MessageState) {
    super('cancel_not_allowed', state, 'cancel', state === 'approved' || state === 'published'
      ? 'an approved message is already handed to delivery; pause or cancel the send in the outbox'
      : 'the message has already ended');
  }
}
export class PublishNotAllowedError extends IllegalTransitionError {
  constructor(state: MessageState) {
    super('publish_not_allowed', state, 'publish', 'only an approved message can be published');
  }
}

const ILLEGAL_MOVE_ERRORS: Record<MessageAction, new (state: MessageState) => IllegalTransitionError> = {
  edit: EditNotAllowedError,
  submit: SubmitNotAllowedError,
  return_to_draft: ReturnToDraftNotAllowedError,
  approve: ApproveNotAllowedError,
  reject: RejectNotAllowedError,
  void: VoidNotAllowedError,
  cancel: CancelNotAllowedError,
  publish: PublishNotAllowedError,
};

export class RoleRequiredError extends MessageLifecycleError {
  readonly action: MessageAction;
  constructor(action: MessageAction, roles: readonly StaffRole[]) {
    super('role_required', `to ${action.replaceAll('_', ' ')} a message you need the role ${roles.join(' or ')}`);
    this.action = action;
  }
}

/** Four-eyes: the author may not approve their own message. */
export class SelfApprovalError extends MessageLifecycleError {
  constructor() {
    super('self_approval', 'you wrote this message, so a colleague must approve it');
  }
}

/** Four-eyes: nobody who edited or submitted the content may approve it either. */
export class EditorApprovalError extends MessageLifecycleError {
  constructor() {
    super('editor_approval', 'you edited or submitted this message, so a colleague who did not must approve it');
  }
}

/** The content, template version, audience or drill flag changed after submit: back to draft. */
export class ApprovalVoidedError extends MessageLifecycleError {
  /** Which parts of the approval content differ, e.g. ["audience", "renderings.nl.text"]. */
  readonly changed: readonly string[];
  constructor(changed: readonly string[]) {
    super('approval_voided', `the message changed after it was submitted (${changed.join(', ') || 'content'}); it is back in draft and must be checked and submitted again`);
    this.changed = changed;
  }
}

export class RejectionReasonRequiredError extends MessageLifecycleError {
  constructor() {
    super('rejection_reason_required', `a rejection needs a reason of at least ${MIN_REJECTION_REASON_LENGTH} characters, so the author knows what to change`);
  }
}

/** A drill message stays a drill and a live one stays live: flipping it could send an exercise for real. */
export class DrillFlagChangeError extends MessageLifecycleError {
  constructor() {
    super('drill_flag_fixed', 'whether a message is a drill is fixed when it is created; start a new message instead');
  }
}

export class MessageNotFoundError extends MessageLifecycleError {
  constructor(messageId: string) {
    super('message_not_found', `no message with id "${messageId}"`);
  }
}

/** Someone else changed the message between reading and writing it; reload and try again. */
export class ConcurrentChangeError extends MessageLifecycleError {
  constructor(messageId: string) {
    super('concurrent_change', `message "${messageId}" was changed by someone else at the same moment; reload it and try again`);
  }
}

/** What each error code means to staff, Dutch first. The admin shows these, never `message`. */
export const MESSAGE_ERROR_TEXT: Readonly<Record<string, { nl: string; en: string }>> = {
  edit_not_allowed: { nl: 'Dit bericht kan niet meer worden gewijzigd. Zet het eerst terug naar concept.', en: 'This message can no longer be edited. Return it to draft first.' },
  submit_not_allowed: { nl: 'Alleen een concept kan ter goedkeuring worden aangeboden.', en: 'Only a draft can be submitted for approval.' },
  return_to_draft_not_allowed: { nl: 'Alleen een aangeboden of afgewezen bericht kan terug naar concept.', en: 'Only a submitted or rejected message can return to draft.' },
  approve_not_allowed: { nl: 'Dit bericht kan niet (meer) worden goedgekeurd.', en: 'This message cannot be approved (any more).' },
  reject_not_allowed: { nl: 'Alleen een aangeboden bericht kan worden afgewezen.', en: 'Only a submitted message can be rejected.' },
  void_not_allowed: { nl: 'Alleen een aangeboden bericht kan ongeldig worden.', en: 'Only a submitted message can be voided.' },
  cancel_not_allowed: { nl: 'Dit bericht kan niet meer worden geannuleerd; pauzeer of stop de verzending in de verzendlijst.', en: 'This message can no longer be cancelled; pause or cancel the send in the outbox.' },
  publish_not_allowed: { nl: 'Alleen een goedgekeurd bericht kan worden gepubliceerd.', en: 'Only an approved message can be published.' },
  role_required: { nl: 'U heeft niet de rol die hiervoor nodig is.', en: 'You do not have the role this requires.' },
  self_approval: { nl: 'U heeft dit bericht zelf geschreven. Een collega moet het goedkeuren.', en: 'You wrote this message. A colleague must approve it.' },
  editor_approval: { nl: 'U heeft dit bericht bewerkt of aangeboden. Een collega die dat niet deed, moet het goedkeuren.', en: 'You edited or submitted this message. A colleague who did not must approve it.' },
  approval_voided: { nl: 'Het bericht is gewijzigd nadat het werd aangeboden. Het staat weer in concept: controleer het en bied het opnieuw aan.', en: 'The message changed after it was submitted. It is back in draft: check it and submit it again.' },
  rejection_reason_required: { nl: 'Geef een reden voor de afwijzing, zodat de opsteller weet wat er moet veranderen.', en: 'Give a reason for the rejection, so the author knows what to change.' },
  drill_flag_fixed: { nl: 'Of een bericht een oefening is, ligt vast bij het aanmaken. Maak een nieuw bericht.', en: 'Whether a message is a drill is fixed when it is created. Start a new message.' },
  message_not_found: { nl: 'Dit bericht bestaat niet.', en: 'This message does not exist.' },
  concurrent_change: { nl: 'Iemand anders wijzigde dit bericht op hetzelfde moment. Laad de pagina opnieuw.', en: 'Someone else changed this message at the same moment. Reload the page.' },
};

/* ----------------------------------------------------------------------------------------------
 * Rules
 * -------------------------------------------------------------------------------------------- */

export const MIN_REJECTION_REASON_LENGTH = 5;

/** The state `action` leads to from `state`, or the named error for that illegal move. */
export function nextMessageState(state: MessageState, action: MessageAction): MessageState {
  const next = MESSAGE_TRANSITIONS[state][action];
  if (next === undefined) throw new ILLEGAL_MOVE_ERRORS[action](state);
  return next;
}

export function assertMayTakeAction(actor: MessageActor, action: MessageAction): void {
  const allowed = MESSAGE_ACTION_ROLES[action];
  if (!actor.roles.some((role) => allowed.includes(role))) throw new RoleRequiredError(action, allowed);
}

/** What the rules need to know about a message to decide a move. */
export interface MessageFacts {
  state: MessageState;
  authorId: number;
  /** Everyone who wrote, edited or submitted the content (the author included). */
  contributorIds: readonly number[];
}

/**
 * Decides one move: role, transition table, then the move's own rules (four-eyes for approve, a
 * reason for reject). Returns the next state; throws the named error of the first rule broken.
 */
export function decideMessageTransition(
  message: MessageFacts,
  action: MessageAction,
  actor: MessageActor,
  input: { reason?: string } = {},
): MessageState {
  assertMayTakeAction(actor, action);
  const next = nextMessageState(message.state, action);
  if (action === 'approve') {
    if (actor.userId === message.authorId) throw new SelfApprovalError();
    if (message.contributorIds.includes(actor.userId)) throw new EditorApprovalError();
  }
  if (action === 'reject') normaliseRejectionReason(input.reason);
  return next;
}

/** The trimmed reason, or RejectionReasonRequiredError when it is missing or too short to help. */
export function normaliseRejectionReason(reason: string | undefined): string {
  const trimmed = (reason ?? '').trim();
  if (trimmed.length < MIN_REJECTION_REASON_LENGTH) throw new RejectionReasonRequiredError();
  return trimmed;
}

/* ----------------------------------------------------------------------------------------------
 * The draft: what a composer fills in
 * -------------------------------------------------------------------------------------------- */

/** The incident or maintenance a message is about; its status-page text becomes an update there. */
export const MessageSubjectSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('incident'), id: SlugSchema }),
  z.strictObject({ kind: z.literal('maintenance'), id: SlugSchema }),
]);
export type MessageSubject = z.infer<typeof MessageSubjectSchema>;

/** Template variable values as typed in the compose form; the template's own schema checks them. */
export const TemplateValuesSchema = z.record(z.string(), z.unknown()).superRefine((values, ctx) => {
  for (const name of Object.keys(values)) {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: 'is not a template variable name: those are snake_case, e.g. "update_text"' });
  }
});

/**
 * Values per language. Dutch is complete; English holds only what differs (the translated texts)
 * and is optional: without it the message goes out in Dutch only, also to English-reading contacts.
 */
export const MessageValuesSchema = z.strictObject({
  nl: TemplateValuesSchema.default({}),
  en: TemplateValuesSchema.optional(),
});
export type MessageValues = z.infer<typeof MessageValuesSchema>;

/**
 * The editable part of a message. Everything here goes out (by mail or on the status page), so
 * all of it is covered by the approval hash.
 */
export const MessageDraftSchema = z
  .strictObject({
    subject: MessageSubjectSchema,
    /** Template id from the catalogue, e.g. "storing-gemeld". */
    template_id: SlugSchema,
    /** The template's variables; `next_update_at` and `incident_status` come from the fields below. */
    values: MessageValuesSchema.default({ nl: {} }),
    /** The status the incident or maintenance has with this update, e.g. "identified". */
    status: z.string(),
    /** Product statuses this update sets (incidents only). */
    components: ComponentStatusChangesSchema.default({}),
    /** When the next update is promised; required unless this update ends the incident or maintenance. */
    next_update_at: TimestampSchema.optional(),
    /** Exercise message: only ever goes to the capture, never to a municipality or the public page. */
    drill: z.boolean().default(false),
  })
  .superRefine((draft, ctx) => {
    const statusSchema = draft.subject.kind === 'incident' ? IncidentStatusSchema : MaintenanceStatusSchema;
    const status = statusSchema.safeParse(draft.status);
    if (!status.success) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: `must be one of ${statusSchema.options.join(', ')} for ${draft.subject.kind === 'incident' ? 'an incident' : 'a maintenance'}` });
    }
    if (draft.subject.kind === 'maintenance' && Object.keys(draft.components).length > 0) {
      ctx.addIssue({ code: 'custom', path: ['components'], message: 'maintenance updates do not set product statuses; leave this empty' });
    }
    const ends = draft.status === 'resolved' || draft.status === 'completed';
    if (ends && draft.next_update_at) {
      ctx.addIssue({ code: 'custom', path: ['next_update_at'], message: `a "${draft.status}" update promises no next update; leave this empty` });
    }
  });
export type MessageDraft = z.infer<typeof MessageDraftSchema>;
export type MessageDraftInput = z.input<typeof MessageDraftSchema>;

/**
 * Whether a promised next update is overdue at `now`. A promise without a time, or the final
 * update, promises nothing.
 */
export function isNextUpdateOverdue(nextUpdateAt: Date | null, now: Date): boolean {
  return nextUpdateAt !== null && nextUpdateAt.getTime() < now.getTime();
}
