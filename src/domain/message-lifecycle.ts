import { z } from 'zod';
import { problem } from './problems.ts';
import { Refusal } from './refusal.ts';
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

/** Staff roles as the admin knows them: opsteller, goedkeurder, beheerder, incidentmanager. */
export const STAFF_ROLES = ['composer', 'approver', 'admin', 'incident_manager'] as const;
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

export class MessageLifecycleError extends Refusal {}

/** An action the transition table does not allow in the message's current state. */
export class IllegalTransitionError extends MessageLifecycleError {
  readonly state: MessageState;
  readonly action: MessageAction;
  constructor(state: MessageState, action: MessageAction) {
    super('transition_not_allowed', { params: { action, state }, detail: `cannot ${action.replaceAll('_', ' ')} a message in state ${state}` });
    this.state = state;
    this.action = action;
  }
}

export class EditNotAllowedError extends IllegalTransitionError {
  constructor(state: MessageState) {
    super(state, 'edit');
  }
}
export class SubmitNotAllowedError extends IllegalTransitionError {
  constructor(state: MessageState) {
    super(state, 'submit');
  }
}
export class ReturnToDraftNotAllowedError extends IllegalTransitionError {
  constructor(state: MessageState) {
    super(state, 'return_to_draft');
  }
}
export class ApproveNotAllowedError extends IllegalTransitionError {
  constructor(state: MessageState) {
    super(state, 'approve');
  }
}
export class RejectNotAllowedError extends IllegalTransitionError {
  constructor(state: MessageState) {
    super(state, 'reject');
  }
}
export class VoidNotAllowedError extends IllegalTransitionError {
  constructor(state: MessageState) {
    super(state, 'void');
  }
}
export class CancelNotAllowedError extends IllegalTransitionError {
  constructor(state: MessageState) {
    super(state, 'cancel');
  }
}
export class PublishNotAllowedError extends IllegalTransitionError {
  constructor(state: MessageState) {
    super(state, 'publish');
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
    super('role_required', { params: { action, roles }, detail: `needs the role ${roles.join(' or ')}` });
    this.action = action;
  }
}

/** Four-eyes: the author may not approve their own message. */
export class SelfApprovalError extends MessageLifecycleError {
  constructor() {
    super('self_approval');
  }
}

/** Four-eyes: nobody who edited or submitted the content may approve it either. */
export class EditorApprovalError extends MessageLifecycleError {
  constructor() {
    super('editor_approval');
  }
}

/** The content, template version, audience or drill flag changed after submit: back to draft. */
export class ApprovalVoidedError extends MessageLifecycleError {
  /** Which parts of the approval content differ, e.g. ["audience", "renderings.nl.text"]. */
  readonly changed: readonly string[];
  constructor(changed: readonly string[]) {
    super('approval_voided', { detail: changed.join(', ') || 'content' });
    this.changed = changed;
  }
}

export class RejectionReasonRequiredError extends MessageLifecycleError {
  constructor() {
    super('rejection_reason_required', { params: { minimum: MIN_REJECTION_REASON_LENGTH } });
  }
}

/** A drill message stays a drill and a live one stays live: flipping it could send an exercise for real. */
export class DrillFlagChangeError extends MessageLifecycleError {
  constructor() {
    super('drill_flag_fixed');
  }
}

export class MessageNotFoundError extends MessageLifecycleError {
  constructor(messageId: string) {
    super('message_not_found', { detail: messageId });
  }
}

/** Someone else changed the message between reading and writing it; reload and try again. */
export class ConcurrentChangeError extends MessageLifecycleError {
  constructor(messageId: string) {
    super('concurrent_change', { detail: messageId });
  }
}

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
    if (!/^[a-z][a-z0-9_]*$/.test(name)) ctx.addIssue({ code: 'custom', path: [name], ...problem('not_a_variable_name') });
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
      ctx.addIssue({ code: 'custom', path: ['status'], ...problem('not_one_of', { options: statusSchema.options }) });
    }
    if (draft.subject.kind === 'maintenance' && Object.keys(draft.components).length > 0) {
      ctx.addIssue({ code: 'custom', path: ['components'], ...problem('no_products_for_maintenance') });
    }
    const ends = draft.status === 'resolved' || draft.status === 'completed';
    if (ends && draft.next_update_at) {
      ctx.addIssue({ code: 'custom', path: ['next_update_at'], ...problem('no_next_update_for_status', { status: draft.status }) });
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
