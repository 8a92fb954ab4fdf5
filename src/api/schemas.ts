import { z } from 'zod';
import { COMPONENT_STATUSES, IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from '../domain/index.ts';

/**
 * The Statuspage public API v2 response shapes we emit (see docs in src/api/README.md). Objects
 * are strict: a misspelt or invented field fails the build instead of reaching clients. Value
 * sets come from the domain vocabularies, which are Statuspage's own.
 */

/** 12 lower-case letters and digits, like every Statuspage object id. */
export const ApiIdSchema = z.string().regex(/^[a-z0-9]{12}$/, 'must be a 12-character Statuspage id');

/** ISO 8601 in UTC with milliseconds, e.g. "2026-11-27T08:12:00.000Z" (what Date#toISOString gives). */
export const ApiTimestampSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'must be an ISO 8601 UTC timestamp with milliseconds');

export const ApiComponentStatusSchema = z.enum(COMPONENT_STATUSES);

/** Statuspage's English wording of the page indicator. */
export const STATUS_DESCRIPTIONS = [
  'All Systems Operational',
  'Service Under Maintenance',
  'Minor Service Outage',
  'Partially Degraded Service',
  'Degraded System Service',
  'Partial System Outage',
  'Major Service Outage',
  'Major System Outage',
] as const;

export const ApiPageSchema = z.strictObject({
  id: ApiIdSchema,
  name: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  time_zone: z.literal('Europe/Amsterdam'),
  updated_at: ApiTimestampSchema,
});
export type ApiPage = z.infer<typeof ApiPageSchema>;

export const ApiStatusSchema = z.strictObject({
  indicator: z.enum(IMPACTS),
  description: z.enum(STATUS_DESCRIPTIONS),
});
export type ApiStatus = z.infer<typeof ApiStatusSchema>;

const componentFields = {
  id: ApiIdSchema,
  name: z.string().min(1),
  status: ApiComponentStatusSchema,
  created_at: ApiTimestampSchema,
  updated_at: ApiTimestampSchema,
  /** 1-based position within the parent group, or among groups for a group row. */
  position: z.int().min(1),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z.iso.date().nullable(),
  page_id: ApiIdSchema,
  only_show_if_degraded: z.boolean(),
};

/** A product, listed under its group. */
export const ApiComponentSchema = z.strictObject({ ...componentFields, group_id: ApiIdSchema, group: z.literal(false) });
export type ApiComponent = z.infer<typeof ApiComponentSchema>;

/** A group row: its status is the worst of its products; `components` lists their ids. */
export const ApiGroupComponentSchema = z.strictObject({
  ...componentFields,
  group_id: z.null(),
  group: z.literal(true),
  components: z.array(ApiIdSchema).min(1),
});
export type ApiGroupComponent = z.infer<typeof ApiGroupComponentSchema>;

export const ApiAnyComponentSchema = z.union([ApiComponentSchema, ApiGroupComponentSchema]);

export const ApiAffectedComponentSchema = z.strictObject({
  code: ApiIdSchema,
  name: z.string().min(1),
  old_status: ApiComponentStatusSchema,
  new_status: ApiComponentStatusSchema,
});
export type ApiAffectedComponent = z.infer<typeof ApiAffectedComponentSchema>;

function updateSchema<S extends z.ZodType>(status: S) {
  return z.strictObject({
    id: ApiIdSchema,
    status,
    /** The Dutch text as written (Markdown); the API is language-neutral, the page's first language is Dutch. */
    body: z.string().min(1),
    incident_id: ApiIdSchema,
    created_at: ApiTimestampSchema,
    updated_at: ApiTimestampSchema,
    display_at: ApiTimestampSchema,
    /** Status transitions this update caused; null when it changed none. */
    affected_components: z.array(ApiAffectedComponentSchema).min(1).nullable(),
    deliver_notifications: z.boolean(),
    custom_tweet: z.null(),
    tweet_id: z.null(),
  });
}

export const ApiIncidentStatusSchema = z.enum([...INCIDENT_STATUSES, 'postmortem']);
export const ApiIncidentUpdateSchema = updateSchema(ApiIncidentStatusSchema);
export type ApiIncidentUpdate = z.infer<typeof ApiIncidentUpdateSchema>;

export const ApiMaintenanceStatusSchema = z.enum(MAINTENANCE_STATUSES);
export const ApiMaintenanceUpdateSchema = updateSchema(ApiMaintenanceStatusSchema);
export type ApiMaintenanceUpdate = z.infer<typeof ApiMaintenanceUpdateSchema>;

const incidentFields = {
  id: ApiIdSchema,
  name: z.string().min(1),
  created_at: ApiTimestampSchema,
  updated_at: ApiTimestampSchema,
  monitoring_at: ApiTimestampSchema.nullable(),
  resolved_at: ApiTimestampSchema.nullable(),
  /** Absolute link to the incident's page on the status site (Statuspage uses stspg.io short links). */
  shortlink: z.url({ protocol: /^https?$/ }),
  started_at: ApiTimestampSchema,
  page_id: ApiIdSchema,
  /** Products the incident touches, as full component objects with their current status. */
  components: z.array(ApiComponentSchema),
};

export const ApiIncidentSchema = z
  .strictObject({
    ...incidentFields,
    status: ApiIncidentStatusSchema,
    impact: z.enum(IMPACTS),
    /** Newest first. */
    incident_updates: z.array(ApiIncidentUpdateSchema).min(1),
    /** The postmortem in Dutch Markdown, as older Statuspage responses carried it; null when none. */
    postmortem_body: z.string().min(1).nullable(),
  })
  .superRefine((incident, ctx) => {
    if ((incident.status === 'resolved' || incident.status === 'postmortem') !== (incident.resolved_at !== null)) {
      ctx.addIssue({ code: 'custom', path: ['resolved_at'], message: 'must be set exactly when the incident is resolved' });
    }
    if ((incident.status === 'postmortem') !== (incident.postmortem_body !== null)) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: '"postmortem" exactly when a resolved incident has a postmortem' });
    }
    checkNewestFirst(incident.incident_updates, ctx);
  });
export type ApiIncident = z.infer<typeof ApiIncidentSchema>;

export const ApiMaintenanceSchema = z
  .strictObject({
    ...incidentFields,
    status: ApiMaintenanceStatusSchema,
    impact: z.literal('maintenance'),
    /** Newest first. */
    incident_updates: z.array(ApiMaintenanceUpdateSchema).min(1),
    scheduled_for: ApiTimestampSchema,
    scheduled_until: ApiTimestampSchema,
  })
  .superRefine((maintenance, ctx) => {
    if (maintenance.scheduled_until <= maintenance.scheduled_for) {
      ctx.addIssue({ code: 'custom', path: ['scheduled_until'], message: 'must be later than scheduled_for' });
    }
    checkNewestFirst(maintenance.incident_updates, ctx);
  });
export type ApiMaintenance = z.infer<typeof ApiMaintenanceSchema>;

function checkNewestFirst(updates: readonly { display_at: string }[], ctx: z.RefinementCtx): void {
  // ISO strings in UTC with fixed width sort like the instants they name.
  updates.forEach((update, index) => {
    if (index > 0 && update.display_at > updates[index - 1]!.display_at) {
      ctx.addIssue({ code: 'custom', path: ['incident_updates', index, 'display_at'], message: 'updates must be listed newest first' });
    }
  });
}

/** GET /api/v2/status.json */
export const StatusResponseSchema = z.strictObject({ page: ApiPageSchema, status: ApiStatusSchema });
/** GET /api/v2/components.json */
export const ComponentsResponseSchema = z.strictObject({ page: ApiPageSchema, components: z.array(ApiAnyComponentSchema) });
/** GET /api/v2/incidents.json: the 50 most recent incidents, resolved ones included. */
export const IncidentsResponseSchema = z.strictObject({ page: ApiPageSchema, incidents: z.array(ApiIncidentSchema).max(50) });
/** GET /api/v2/incidents/unresolved.json */
export const UnresolvedIncidentsResponseSchema = z.strictObject({
  page: ApiPageSchema,
  incidents: z.array(ApiIncidentSchema.refine((incident) => UNRESOLVED.has(incident.status), 'must be unresolved')),
});
/** GET /api/v2/scheduled-maintenances.json: the 50 most recent, completed ones included. */
export const MaintenancesResponseSchema = z.strictObject({
  page: ApiPageSchema,
  scheduled_maintenances: z.array(ApiMaintenanceSchema).max(50),
});
/** GET /api/v2/scheduled-maintenances/upcoming.json */
export const UpcomingMaintenancesResponseSchema = z.strictObject({
  page: ApiPageSchema,
  scheduled_maintenances: z.array(ApiMaintenanceSchema.refine((maintenance) => maintenance.status === 'scheduled', 'must be scheduled')),
});
/** GET /api/v2/scheduled-maintenances/active.json */
export const ActiveMaintenancesResponseSchema = z.strictObject({
  page: ApiPageSchema,
  scheduled_maintenances: z.array(ApiMaintenanceSchema.refine((maintenance) => ACTIVE.has(maintenance.status), 'must be in progress or verifying')),
});
/** GET /api/v2/summary.json: unresolved incidents, active and upcoming maintenance. */
export const SummaryResponseSchema = z.strictObject({
  page: ApiPageSchema,
  components: z.array(ApiAnyComponentSchema),
  incidents: UnresolvedIncidentsResponseSchema.shape.incidents,
  scheduled_maintenances: z.array(
    ApiMaintenanceSchema.refine((maintenance) => maintenance.status !== 'completed', 'must be upcoming, in progress or verifying'),
  ),
  status: ApiStatusSchema,
});

const UNRESOLVED = new Set<string>(['investigating', 'identified', 'monitoring']);
const ACTIVE = new Set<string>(['in_progress', 'verifying']);

export type StatusResponse = z.infer<typeof StatusResponseSchema>;
export type ComponentsResponse = z.infer<typeof ComponentsResponseSchema>;
export type IncidentsResponse = z.infer<typeof IncidentsResponseSchema>;
export type MaintenancesResponse = z.infer<typeof MaintenancesResponseSchema>;
export type SummaryResponse = z.infer<typeof SummaryResponseSchema>;
