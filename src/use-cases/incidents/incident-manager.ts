import { rolesAllow } from '../../auth/roles.ts';
import { invalidInput, type Incident } from '../../domain/index.ts';
import type { Database } from '../../store/database.ts';
import { currentIncidentManagers, listIncidentManagers, type IncidentManagerAssignment } from '../../store/incident-managers-repository.ts';
import { findUserById, listUsers } from '../../store/user-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

export type { IncidentManagerAssignment };

/** Who leads an incident now, and who led it before (oldest first). */
export interface IncidentCommand {
  manager: IncidentManagerAssignment | null;
  history: readonly IncidentManagerAssignment[];
}

/** The incident manager of an incident and the handovers so far. */
export function getIncidentManager(ctx: UseCaseContext, caller: Caller, incident: Pick<Incident, 'id'>): IncidentCommand {
  authorise(caller, 'incident.view');
  const history = listIncidentManagers(ctx.db, incident.id, ctx.drill);
  return { manager: history.at(-1) ?? null, history };
}

/** The current incident manager of every incident of this context, by incident id (for the list). */
export function incidentManagersById(ctx: UseCaseContext, caller: Caller): ReadonlyMap<string, IncidentManagerAssignment> {
  authorise(caller, 'incident.view');
  return currentIncidentManagers(ctx.db, ctx.drill);
}

/** Colleagues who may lead an incident: active, with a role that may manage incidents; by name. */
export function listIncidentManagerCandidates(ctx: UseCaseContext, caller: Caller): Array<{ userId: number; name: string }> {
  authorise(caller, 'incident.view');
  return listUsers(ctx.db, { active: true })
    .filter((user) => rolesAllow(user.roles, 'incident.manage'))
    .map((user) => ({ userId: user.id, name: user.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** Refuses (on `field`) anyone who is not an active colleague with a role that may manage incidents. */
export function requireIncidentManagerCandidate(db: Database, userId: number, field: string): { userId: number; name: string } {
  const user = findUserById(db, userId);
  if (!user || !user.active) throw invalidInput([{ field, code: 'unknown_user' }]);
  if (!rolesAllow(user.roles, 'incident.manage')) throw invalidInput([{ field, code: 'cannot_lead_incident' }]);
  return { userId: user.id, name: user.name };
}
