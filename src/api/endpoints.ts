import type { z } from 'zod';
import type { ReadModel } from '../domain/index.ts';
import { apiContext } from './api-context.ts';
import { apiComponentsById, toApiComponentList } from './map-components.ts';
import { toApiIncident } from './map-incident.ts';
import { toApiMaintenance } from './map-maintenance.ts';
import { toApiPage, toApiStatus } from './map-page.ts';
import {
  ActiveMaintenancesResponseSchema,
  ComponentsResponseSchema,
  IncidentsResponseSchema,
  MaintenancesResponseSchema,
  StatusResponseSchema,
  SummaryResponseSchema,
  UnresolvedIncidentsResponseSchema,
  UpcomingMaintenancesResponseSchema,
} from './schemas.ts';

/** Statuspage returns at most this many items from incidents.json and scheduled-maintenances.json. */
export const RECENT_LIMIT = 50;

/** Everything the endpoints share, derived once per read model. */
function mappers(model: ReadModel) {
  const context = apiContext(model);
  const componentsById = apiComponentsById(context);
  return {
    page: toApiPage(context),
    status: toApiStatus(model.indicator),
    components: () => toApiComponentList(context, componentsById),
    incidents: (entries: ReadModel['incidents']) => entries.map((entry) => toApiIncident(context, entry, componentsById)),
    maintenances: (entries: ReadModel['maintenances']) => entries.map((entry) => toApiMaintenance(context, entry, componentsById)),
  };
}

interface Endpoint<S extends z.ZodType> {
  /** Path below /api/v2/. */
  path: string;
  schema: S;
  build: (model: ReadModel) => z.infer<S>;
}

function endpoint<S extends z.ZodType>(path: string, schema: S, build: (model: ReadModel) => z.infer<S>): Endpoint<S> {
  return { path, schema, build };
}

/** The eight public endpoints; the route files and the post-build check both read this list. */
export const API_ENDPOINTS = {
  summary: endpoint('summary.json', SummaryResponseSchema, (model) => {
    const map = mappers(model);
    return {
      page: map.page,
      components: map.components(),
      incidents: map.incidents(model.unresolvedIncidents),
      scheduled_maintenances: map.maintenances([...model.activeMaintenances, ...model.upcomingMaintenances]),
      status: map.status,
    };
  }),
  status: endpoint('status.json', StatusResponseSchema, (model) => {
    const map = mappers(model);
    return { page: map.page, status: map.status };
  }),
  components: endpoint('components.json', ComponentsResponseSchema, (model) => {
    const map = mappers(model);
    return { page: map.page, components: map.components() };
  }),
  incidents: endpoint('incidents.json', IncidentsResponseSchema, (model) => {
    const map = mappers(model);
    return { page: map.page, incidents: map.incidents(model.incidents.slice(0, RECENT_LIMIT)) };
  }),
  unresolvedIncidents: endpoint('incidents/unresolved.json', UnresolvedIncidentsResponseSchema, (model) => {
    const map = mappers(model);
    return { page: map.page, incidents: map.incidents(model.unresolvedIncidents) };
  }),
  scheduledMaintenances: endpoint('scheduled-maintenances.json', MaintenancesResponseSchema, (model) => {
    const map = mappers(model);
    return { page: map.page, scheduled_maintenances: map.maintenances(model.maintenances.slice(0, RECENT_LIMIT)) };
  }),
  upcomingMaintenances: endpoint('scheduled-maintenances/upcoming.json', UpcomingMaintenancesResponseSchema, (model) => {
    const map = mappers(model);
    return { page: map.page, scheduled_maintenances: map.maintenances(model.upcomingMaintenances) };
  }),
  activeMaintenances: endpoint('scheduled-maintenances/active.json', ActiveMaintenancesResponseSchema, (model) => {
    const map = mappers(model);
    return { page: map.page, scheduled_maintenances: map.maintenances(model.activeMaintenances) };
  }),
} as const;

export type ApiEndpointName = keyof typeof API_ENDPOINTS;
