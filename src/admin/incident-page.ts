import type { AstroGlobal } from 'astro';
import type { Incident } from '../domain/index.ts';
import type { Permission } from '../use-cases/authorise.ts';
import type { UseCaseContext } from '../use-cases/context.ts';
import { findIncident } from '../use-cases/incidents/list-incidents.ts';
import { getIncidentManager, type IncidentCommand } from '../use-cases/incidents/incident-manager.ts';
import { gate, type AdminPage } from './admin-page.ts';
import { errorPageResponse } from './error-page.ts';

/**
 * The gate plus the incident named in the URL, with the context it lives in (a running drill's
 * incidents are reached through the same screens) and its incident manager; 404 for an unknown
 * or malformed id.
 */
export function incidentPage(
  astro: Pick<AstroGlobal, 'locals' | 'url' | 'request' | 'params'>,
  permission: Permission,
): (AdminPage & { incident: Incident; ctx: UseCaseContext; command: IncidentCommand }) | Response {
  const page = gate(astro, permission);
  if (page instanceof Response) return page;
  const id = String(astro.params.id ?? '');
  for (const ctx of page.app.contexts) {
    const incident = findIncident(ctx, page.user, id);
    // Every screen of an incident shows who leads it.
    if (incident) return { ...page, ctx, incident, command: getIncidentManager(ctx, page.user, incident) };
  }
  return errorPageResponse(404, page.lang, page.t.errors.notFound);
}
