import { z } from 'zod';
import { problem } from './problems.ts';
import { SlugSchema, WHEN_WELL_FORMED } from './ids.ts';
import { ComponentStatusSchema, ImpactSchema } from './incident.ts';
import { LocalizedTextSchema, type LocalizedText } from './localized-text.ts';
import { ScopeSchema } from './scope.ts';
import { MunicipalityIdSchema } from './ids.ts';
import { SignalSourceSchema } from './signal.ts';

/**
 * Drill mode (brandoefening): a rehearsal of the outage procedure. A scenario describes what the
 * drill opens, which signals the drill leader injects and when, who should be informed, and the
 * target times the report measures against. Drill content and messages never leave Helder: the
 * drill flag routes them to the drill content directory and the mail capture.
 */

/* ----------------------------------------------------------------------------------------------
 * Roles in a drill
 * -------------------------------------------------------------------------------------------- */

/** The roles of the outage procedure; a drill records who played which one. */
export const DRILL_ROLES = ['incident_manager', 'composer', 'approver'] as const;
export type DrillRole = (typeof DRILL_ROLES)[number];


/**
 * The staff role a drill role needs, because the person must act through the real screens: the
 * drill composer composes real (drill) messages, the approver approves them. The incident manager
 * coordinates and needs no particular staff role.
 */
export const DRILL_ROLE_NEEDS: Readonly<Record<DrillRole, 'composer' | 'approver' | null>> = {
  incident_manager: null,
  composer: 'composer',
  approver: 'approver',
};

/* ----------------------------------------------------------------------------------------------
 * Scenarios
 * -------------------------------------------------------------------------------------------- */

/** Minutes after the drill's start; negative for something that began before it (a maintenance window). */
const OffsetMinutesSchema = z.number().int().min(-24 * 60).max(24 * 60);

/** An incident the drill opens at its start, exactly as the "open incident" screen would. */
export const ScenarioIncidentSchema = z.strictObject({
  kind: z.literal('incident'),
  title: LocalizedTextSchema,
  impact: ImpactSchema,
  /** Product id → its status at the start, e.g. `{ registra-brp: major_outage }`. */
  components: z.record(SlugSchema, ComponentStatusSchema).refine((changes) => Object.keys(changes).length > 0, problem('choose_product')),
  scope: ScopeSchema,
  /** The first update's text, as the first line of defence would have written it. */
  body: LocalizedTextSchema,
});

/** A maintenance the drill opens, with its window relative to the start (e.g. began 2 hours ago). */
export const ScenarioMaintenanceSchema = z
  .strictObject({
    kind: z.literal('maintenance'),
    title: LocalizedTextSchema,
    description: LocalizedTextSchema,
    components: z.array(SlugSchema).min(1),
    scope: ScopeSchema.default('all'),
    starts_minutes: OffsetMinutesSchema,
    ends_minutes: OffsetMinutesSchema,
  })
  .superRefine((maintenance, ctx) => {
    if (maintenance.ends_minutes <= maintenance.starts_minutes) ctx.addIssue({ code: 'custom', path: ['ends_minutes'], ...problem('must_be_after', { field: 'starts_minutes' }) });
    if (maintenance.ends_minutes <= 0) ctx.addIssue({ code: 'custom', path: ['ends_minutes'], ...problem('window_already_ended') });
  }, WHEN_WELL_FORMED);

export const ScenarioSubjectSchema = z.discriminatedUnion('kind', [ScenarioIncidentSchema, ScenarioMaintenanceSchema]);
export type ScenarioSubject = z.infer<typeof ScenarioSubjectSchema>;

/** A signal the drill leader brings in during the drill, e.g. "10:05 meer gemeenten melden problemen". */
export const ScenarioEventSchema = z.strictObject({
  /** When it is planned, in minutes after the start. */
  after_minutes: z.number().int().min(0).max(24 * 60),
  text: LocalizedTextSchema,
  /** From this event on, these municipalities should be informed (the outage spreads or shrinks). */
  expected_scope: ScopeSchema.optional(),
});
export type ScenarioEvent = z.infer<typeof ScenarioEventSchema>;

/**
 * A customer signal that arrives by itself while the drill runs, as a real call or ticket would
 * ("+2 min: Utrecht belt, inloggen in Registra BRP lukt niet"). It is stored as a drill signal
 * and runs through the same spike rule as a live one, so the drill can begin unannounced: signals
 * come in and someone must notice.
 */
export const ScenarioSignalSchema = z.strictObject({
  /** When it arrives, in minutes after the start (divided by the drill's speed factor). */
  after_minutes: z.number().int().min(0).max(24 * 60),
  /** The product's id from content/components.yaml. */
  product: SlugSchema,
  /** The reporting municipality's CBS code. */
  municipality: MunicipalityIdSchema,
  source: SignalSourceSchema.default('phone'),
  /** What the caller reports, in a sentence. */
  summary: z.string().trim().min(1).max(500).refine((value) => !/[\r\n]/.test(value), problem('single_line')),
});
export type ScenarioSignal = z.infer<typeof ScenarioSignalSchema>;

/** How much faster than real time a drill's timed signals arrive: 1 is real time. */
export const DRILL_SIGNAL_SPEEDS = [1, 2, 5, 10] as const;
export const DrillSignalSpeedSchema = z.coerce.number().pipe(z.literal(DRILL_SIGNAL_SPEEDS));
export type DrillSignalSpeed = (typeof DRILL_SIGNAL_SPEEDS)[number];

/** The moment a timed signal is due in a drill started at `startedAt` that runs `speed` times faster. */
export function signalDueAt(startedAt: Date, signal: Pick<ScenarioSignal, 'after_minutes'>, speed: number): Date {
  return new Date(startedAt.getTime() + Math.round((signal.after_minutes * 60_000) / speed));
}

/** The team's targets; the report shows each measured time against them. */
export const DrillTargetsSchema = z.strictObject({
  /** From the start to the first message "sent". */
  first_message_minutes: z.number().int().positive().default(15),
  /** The most time between two messages, and the latest a promised next update may lie. */
  update_interval_minutes: z.number().int().positive().default(30),
  /** From submitting a message to its approval. */
  approval_minutes: z.number().int().positive().default(10),
  /** From the start to the message that resolves or completes; no target when absent. */
  resolution_minutes: z.number().int().positive().optional(),
});
export type DrillTargets = z.infer<typeof DrillTargetsSchema>;
export const DEFAULT_DRILL_TARGETS: DrillTargets = DrillTargetsSchema.parse({});

/** A drill scenario: a file in drills/ (shipped) or written by an admin. */
export const DrillScenarioSchema = z
  .strictObject({
    /** Stable id, the file name without .yaml. */
    id: SlugSchema,
    title: LocalizedTextSchema,
    /** The briefing the drill leader reads out; not shown to the team before the start. */
    summary: LocalizedTextSchema,
    /** What the drill opens at its start (marked drill). Empty: the team opens the incident itself. */
    opens: z.array(ScenarioSubjectSchema).default([]),
    /** Who should be informed at the start. Default: the scope of the first subject opened. */
    expected_scope: ScopeSchema.optional(),
    /** The products the expected scope "all" refers to. Default: those of the subjects opened. */
    expected_products: z.array(SlugSchema).min(1).optional(),
    targets: DrillTargetsSchema.default(DEFAULT_DRILL_TARGETS),
    events: z.array(ScenarioEventSchema).default([]),
    /** Customer signals that arrive by themselves at their time (see ScenarioSignalSchema). */
    signals: z.array(ScenarioSignalSchema).default([]),
  })
  .superRefine((scenario, ctx) => {
    if (scenario.opens.length === 0 && (!scenario.expected_scope || !scenario.expected_products)) {
      ctx.addIssue({ code: 'custom', path: ['expected_scope'], ...problem('scenario_needs_expectation') });
    }
    scenario.events.forEach((event, index) => {
      const previous = scenario.events[index - 1];
      if (previous && event.after_minutes < previous.after_minutes) {
        ctx.addIssue({ code: 'custom', path: ['events', index, 'after_minutes'], ...problem('events_out_of_order', { previous: previous.after_minutes }) });
      }
    });
    scenario.signals.forEach((signal, index) => {
      const previous = scenario.signals[index - 1];
      if (previous && signal.after_minutes < previous.after_minutes) {
        ctx.addIssue({ code: 'custom', path: ['signals', index, 'after_minutes'], ...problem('events_out_of_order', { previous: previous.after_minutes }) });
      }
    });
  }, WHEN_WELL_FORMED);
export type DrillScenario = z.infer<typeof DrillScenarioSchema>;
export type DrillScenarioInput = z.input<typeof DrillScenarioSchema>;

/** The scope and products a scenario expects the team to inform at the start. */
export function initialExpectedScope(scenario: DrillScenario): { scope: z.infer<typeof ScopeSchema>; products: string[] } {
  const first = scenario.opens[0];
  const products = scenario.expected_products ?? [...new Set(scenario.opens.flatMap((subject) => (subject.kind === 'incident' ? Object.keys(subject.components) : subject.components)))];
  return { scope: scenario.expected_scope ?? first?.scope ?? 'all', products };
}

/** The planned moment of a scenario event for a drill started at `startedAt`. */
export function plannedAt(startedAt: Date, event: Pick<ScenarioEvent, 'after_minutes'>): Date {
  return new Date(startedAt.getTime() + event.after_minutes * 60_000);
}

/* ----------------------------------------------------------------------------------------------
 * The timeline
 * -------------------------------------------------------------------------------------------- */

/**
 * Every step of a drill, timestamped. Most come from the audit log (every audited action of the
 * drill becomes one step); the drill's own steps (start, roles, injected signals, observations,
 * end) are audited too, so the audit log is the single source.
 */
export const DRILL_TIMELINE_KINDS = [
  'drill_started',
  'role_assigned',
  'scenario_event',
  'observation',
  'incident_opened',
  'incident_updated',
  'incident_resolved',
  /** A step of the storingsprocedure ticked off, or the tick taken back: how the procedure was followed. */
  'checklist_step_done',
  'checklist_step_undone',
  'maintenance_scheduled',
  'maintenance_updated',
  'maintenance_completed',
  'message_drafted',
  'message_edited',
  'message_submitted',
  'message_returned',
  'message_rejected',
  'approval_voided',
  'message_approved',
  /** Handed to the outbox; in a drill that means captured, never delivered. */
  'message_sent',
  'message_published',
  'publication_failed',
  'message_cancelled',
  'delivery_failed',
  'notes_saved',
  'drill_ended',
] as const;
export type DrillTimelineKind = (typeof DRILL_TIMELINE_KINDS)[number];


/** An audit entry as the timeline needs it; the shape of src/store's AuditEntry, without its hashes. */
export interface DrillAuditFact {
  seq: number;
  at: Date;
  actor: { kind: 'user' | 'system'; name: string; userId?: number };
  action: string;
  subject: { type: string; id: string } | null;
  details: Record<string, unknown>;
  drill: boolean;
}

export interface DrillTimelineEvent {
  seq: number;
  at: Date;
  kind: DrillTimelineKind;
  /** Who did it; "system" steps (publisher, dispatcher) show the name they were recorded under. */
  actor: string;
  subject: { type: string; id: string } | null;
  /** The message this step is about, when it is about one. */
  messageId: string | null;
  /** The reason of a rejection, the text of an injected signal or observation, who got a role. */
  note: LocalizedText | null;
  /** The role assigned, for a role_assigned step. */
  role: DrillRole | null;
}

/** Audit action (and, for shared words, details.event) → timeline step. Unlisted actions (sign-ins) are not steps. */
function timelineKindOf(fact: DrillAuditFact): DrillTimelineKind | null {
  const event = typeof fact.details.event === 'string' ? fact.details.event : null;
  switch (fact.action) {
    case 'drill_started':
    case 'incident_opened':
    case 'incident_updated':
    case 'incident_resolved':
    case 'maintenance_scheduled':
    case 'maintenance_updated':
    case 'message_drafted':
    case 'message_submitted':
    case 'message_rejected':
    case 'approval_voided':
    case 'message_approved':
    case 'message_published':
    case 'message_cancelled':
    case 'drill_ended':
    case 'delivery_failed':
    case 'checklist_step_done':
    case 'checklist_step_undone':
      return fact.action;
    case 'maintenance_started':
      return 'maintenance_updated';
    case 'maintenance_completed':
    case 'maintenance_cancelled':
      return 'maintenance_completed';
    case 'message_edited':
      return event === 'returned_to_draft' ? 'message_returned' : 'message_edited';
    case 'message_returned_to_draft':
      return 'message_returned';
    case 'message_publication_failed':
      return 'publication_failed';
    case 'site_publish_failed':
      return event === 'publication_failed' ? 'publication_failed' : null;
    case 'delivery_queued':
      return 'message_sent';
    case 'delivery_expired':
      return 'delivery_failed';
    case 'incident_changed': // the incident changed shape; the change came with a public update
      return 'incident_updated';
    case 'drill_role_assigned':
    case 'incident_manager_handed_over': // the incident manager role passed on during the drill
      return 'role_assigned';
    case 'drill_event_injected':
      return 'scenario_event';
    case 'drill_event_recorded':
      return 'observation';
    case 'drill_notes_saved':
      return 'notes_saved';
    default:
      return null;
  }
}

function noteOf(kind: DrillTimelineKind, details: Record<string, unknown>): LocalizedText | null {
  const text = (value: unknown): LocalizedText | null => {
    const parsed = LocalizedTextSchema.safeParse(value);
    return parsed.success ? parsed.data : null;
  };
  if (kind === 'message_rejected') return text(details.reason);
  if (kind === 'scenario_event' || kind === 'observation') return text(details.text);
  // The step's title as the procedure named it when it was ticked.
  if (kind === 'checklist_step_done' || kind === 'checklist_step_undone') return text(details.title);
  // Who got the role: the role itself is the event's `role` (its label is the reader's language).
  if (kind === 'role_assigned' && typeof details.user_name === 'string') return text(details.user_name);
  return null;
}

/** What ties audit entries to one drill: its id, its time window, and the drill subjects it opened or saw opened. */
export interface DrillScope {
  drillId: number;
  startedAt: Date;
  /** Null while the drill runs. */
  endedAt: Date | null;
  /** Message id → the subject it is about ("incident:<id>"), for drill messages. */
  messageSubjects: ReadonlyMap<string, string>;
}

/**
 * The drill's timeline from audit entries. An entry belongs to the drill when it is about the drill
 * itself, or when it is marked drill, falls inside the drill's window, and concerns a drill
 * incident or maintenance opened in that window (or a message about one). Oldest first.
 */
export function drillTimelineFromAudit(facts: readonly DrillAuditFact[], scope: DrillScope): DrillTimelineEvent[] {
  const sorted = [...facts].sort((a, b) => a.seq - b.seq);
  const inWindow = (fact: DrillAuditFact) =>
    fact.at.getTime() >= scope.startedAt.getTime() && (scope.endedAt === null || fact.at.getTime() <= scope.endedAt.getTime());
  const subjects = new Set<string>();
  for (const fact of sorted) {
    if (!fact.drill || !inWindow(fact) || !fact.subject) continue;
    if (fact.action === 'incident_opened' || fact.action === 'maintenance_scheduled') subjects.add(`${fact.subject.type}:${fact.subject.id}`);
  }
  const events: DrillTimelineEvent[] = [];
  for (const fact of sorted) {
    const kind = timelineKindOf(fact);
    if (kind === null || !fact.subject) continue;
    const own = fact.subject.type === 'drill' && fact.subject.id === String(scope.drillId);
    let messageId: string | null = null;
    let belongs = own;
    if (!own && fact.drill && inWindow(fact)) {
      if (fact.subject.type === 'message') {
        const about = scope.messageSubjects.get(fact.subject.id);
        belongs = about !== undefined && subjects.has(about);
        messageId = fact.subject.id;
      } else {
        belongs = subjects.has(`${fact.subject.type}:${fact.subject.id}`);
      }
    }
    if (!belongs) continue;
    events.push({
      seq: fact.seq,
      at: fact.at,
      kind,
      actor: fact.actor.name,
      subject: fact.subject,
      messageId,
      note: noteOf(kind, fact.details),
      role: kind === 'role_assigned' && (DRILL_ROLES as readonly unknown[]).includes(fact.details.role) ? (fact.details.role as DrillRole) : null,
    });
  }
  return events;
}

/** The incidents and maintenance a timeline shows the drill opened, as "kind:id". */
export function drillSubjectKeys(timeline: readonly DrillTimelineEvent[]): string[] {
  return [
    ...new Set(
      timeline.filter((event) => (event.kind === 'incident_opened' || event.kind === 'maintenance_scheduled') && event.subject).map((event) => `${event.subject!.type}:${event.subject!.id}`),
    ),
  ];
}

/** Stored evaluation notes: free text the team writes afterwards. */
export const DrillNotesSchema = z.string().max(20_000);

/** When a drill's scenario expects a (different) set of municipalities to be informed. */
export interface ExpectedScopeChange {
  at: Date;
  municipalities: readonly string[];
}
