import type { AstroGlobal } from 'astro';
import type { Incident } from '../domain/index.ts';
import { gate, type AdminPage } from './admin-page.ts';
import { errorPageResponse } from './error-page.ts';
import type { Permission } from '../auth/roles.ts';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The gate plus the incident named in the URL; 404 for an unknown or malformed id. */
export function incidentPage(astro: Pick<AstroGlobal, 'locals' | 'url' | 'request' | 'params'>, permission: Permission): (AdminPage & { incident: Incident }) | Response {
  const page = gate(astro, permission);
  if (page instanceof Response) return page;
  const id = String(astro.params.id ?? '');
  // A drill's incident lives in the drill content directory; the same screens serve both.
  const find = (drill: boolean) => page.app.content({ drill }).incidents.find((candidate) => candidate.id === id);
  const incident = SLUG.test(id) ? (find(false) ?? find(true)) : undefined;
  if (!incident) return errorPageResponse(404, page.lang, page.t.errors.notFound);
  return { ...page, incident };
}
