/**
 * The one error every expected refusal is: a stable code, the values the text needs, and for form
 * input the problems per field. What a person reads is looked up in src/i18n by code, so no
 * refusal carries display text and none is recognised by its message or class name.
 */

/** Why a whole request was refused. */
export const REFUSAL_CODES = [
  // input
  'invalid_input',
  // who
  'not_signed_in',
  'forbidden',
  // accounts
  'user_not_found',
  'email_taken',
  'last_admin',
  'own_account',
  'weak_password',
  // incidents and maintenance
  'incident_not_found',
  'maintenance_not_found',
  'incident_resolved',
  'incident_not_resolved',
  'maintenance_transition',
  'clock_behind',
  // approval for everything public (src/use-cases/incidents/*-public-change.ts)
  'incident_awaiting_approval',
  'public_change_not_found',
  'public_change_decided',
  'own_public_change',
  'public_change_voided',
  // messages (the state machine of src/domain/message-lifecycle.ts)
  'message_not_found',
  'subject_not_found',
  'transition_not_allowed',
  'role_required',
  'self_approval',
  'editor_approval',
  // separation of duties beyond four-eyes (src/use-cases/separation-of-duties.ts)
  'approver_changed_author',
  'approver_roles_changed',
  'approval_voided',
  'rejection_reason_required',
  'drill_flag_fixed',
  'concurrent_change',
  // deliveries
  'send_not_found',
  'send_paused',
  'send_running',
  'send_cancelled',
  // contacts
  'contact_not_found',
  'csv_unreadable',
  // drills
  'drill_not_found',
  'drill_running',
  'drill_ended',
  'scenario_not_found',
  'scenario_invalid',
  'scenario_shipped_id',
  'signal_not_found',
  'signal_injected',
  // customer signals and API tokens
  'alert_not_found',
  'alert_closed',
  'api_token_not_found',
  'api_token_name_taken',
  // self-service subscriptions
  'subscription_rate_limited',
  // channels (Teams, Slack, webhooks)
  'channel_not_found',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** Values a text may need; never display text of its own. */
export type ProblemParams = Readonly<Record<string, string | number | readonly string[]>>;

/** One field's problem: `field` names the input (dotted path), `code` the kind of problem. */
export interface Problem {
  field: string;
  code: ProblemCode;
  params?: ProblemParams;
}

/** Why one field was refused. Codes are filled in from zod issues by ./problems.ts or set by a rule. */
export const PROBLEM_CODES = [
  // from zod's own issues
  'required',
  'too_short',
  'too_long',
  'too_few',
  'too_many',
  'too_small',
  'too_big',
  'not_whole_number',
  'wrong_type',
  'not_one_of',
  'unknown_fields',
  'invalid_email',
  'invalid_date_time',
  'invalid_slug',
  'invalid_municipality_code',
  'invalid_url',
  'invalid',
  // rules of our own (set with `params: { code }` on a refinement, or by a use case)
  'single_line',
  'one_mailbox',
  'mailbox_bare_address',
  'must_be_future',
  'started_after_first_update',
  'merged_not_resolved',
  'merge_into_itself',
  'choose_incident',
  'must_be_after_start',
  'choose_product',
  'choose_municipality',
  'choose_role',
  'unknown_product',
  'unknown_municipality',
  'duplicate_address',
  'reserved_address',
  'https_only',
  'no_credentials_in_url',
  'status_not_allowed',
  'no_next_update_for_status',
  'no_products_for_maintenance',
  'product_not_in_incident',
  'resolved_not_last',
  'events_out_of_order',
  'duplicate_id',
  'name_taken',
  'looks_like_placeholder',
  'unknown_group',
  'localized_text_expected',
  'scope_expected',
  'must_be_after',
  'not_a_variable_name',
  'scenario_needs_expectation',
  'window_already_ended',
  'invalid_colour',
  'invalid_page_id',
  'address_taken',
  'choose_colleague',
  'unknown_user',
  'role_lacks_right',
  'cannot_lead_incident',
  'already_incident_manager',
  'product_in_timeline',
  'nothing_changed',
  'invalid_yaml',
  'id_matches_file',
  'csv_unclosed_quote',
  'csv_empty',
  'csv_unknown_column',
  'csv_duplicate_column',
  'csv_missing_column',
  'csv_too_many_cells',
  'yes_or_no',
  'password_too_short',
  'password_too_long',
  'password_common',
  'password_predictable',
  'password_personal',
  'template_value',
  'scenario_problem',
  'csv_problem',
  'must_not_be_future',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

const BRAND = Symbol.for('helder.refusal');

export class Refusal extends Error {
  readonly code: RefusalCode;
  readonly params: ProblemParams;
  readonly problems: readonly Problem[];
  readonly [BRAND] = true;

  constructor(code: RefusalCode, options: { params?: ProblemParams; problems?: readonly Problem[]; detail?: string } = {}) {
    // The message is for logs and tests only; people read the i18n text for `code`.
    const fields = (options.problems ?? []).map((problem) => `${problem.field || '(form)'}: ${problem.code}`);
    super([code, options.detail, ...fields].filter(Boolean).join('; '));
    this.name = 'Refusal';
    this.code = code;
    this.params = options.params ?? {};
    this.problems = options.problems ?? [];
  }

  /**
   * True for a refusal from any copy of this module: the admin's Astro bundle carries its own copy
   * of our code, so `instanceof` fails for errors thrown by the server's copy. The registered
   * symbol is the same in both.
   */
  static is(error: unknown): error is Refusal {
    return typeof error === 'object' && error !== null && (error as { [BRAND]?: unknown })[BRAND] === true;
  }
}

/** Shorthand for the most common refusal: one or more fields of the input. */
export function invalidInput(problems: readonly Problem[]): Refusal {
  return new Refusal('invalid_input', { problems });
}

const STORED_REFUSAL = 'Refusal ';

/**
 * A refusal kept as text, e.g. as a message's publication error: code, params and problems as
 * JSON, so a screen can later say it in the reader's language instead of showing the log line.
 */
export function storedRefusal(refusal: Pick<Refusal, 'code' | 'params' | 'problems'>): string {
  return `${STORED_REFUSAL}${JSON.stringify({ code: refusal.code, params: refusal.params, problems: refusal.problems })}`;
}

/** The refusal in a text made by storedRefusal; null for any other text (a technical error). */
export function readStoredRefusal(text: string): Pick<Refusal, 'code' | 'params' | 'problems'> | null {
  if (!text.startsWith(STORED_REFUSAL)) return null;
  try {
    const parsed = JSON.parse(text.slice(STORED_REFUSAL.length)) as { code?: unknown; params?: unknown; problems?: unknown };
    if (!(REFUSAL_CODES as readonly unknown[]).includes(parsed.code) || !Array.isArray(parsed.problems)) return null;
    const problems = (parsed.problems as Problem[]).filter((item) => (PROBLEM_CODES as readonly unknown[]).includes(item?.code));
    return { code: parsed.code as RefusalCode, params: (parsed.params ?? {}) as ProblemParams, problems };
  } catch {
    return null;
  }
}
