import { chronologicalUpdates, localize, type ComponentStatus, type IncidentUpdate, type PublicIncident } from '../domain/index.ts';
import { isoTime, type ApiContext } from './api-context.ts';
import type { ApiAffectedComponent, ApiComponent, ApiIncident, ApiIncidentUpdate } from './schemas.ts';
import { apiId, updateIds } from './statuspage-ids.ts';
import { absoluteUrl, paths } from '../site/urls.ts';

/**
 * One incident in Statuspage shape. Texts are the Dutch originals (the API has no language
 * negotiation and Dutch is what the vendor writes first). A resolved incident with a published
 * postmortem has status "postmortem", as on Statuspage.
 */
export function toApiIncident(context: ApiContext, entry: PublicIncident, componentsById: Map<string, ApiComponent>): ApiIncident {
  const { incident, times } = entry;
  const incidentId = apiId('incident', incident.id);
  const chronological = chronologicalUpdates(incident.updates);
  const ids = updateIds('incident_update', incident.id, chronological);
  const transitions = componentTransitions(chronological);
  const names = new Map(entry.components.map((component) => [component.id, component.name]));

  const updates: ApiIncidentUpdate[] = chronological.map((update, index) => ({
    id: ids[index]!,
    status: update.status,
    body: localize(update.body, 'nl').text,
    incident_id: incidentId,
    created_at: isoTime(update.at),
    updated_at: isoTime(update.at),
    display_at: isoTime(update.at),
    affected_components: affectedComponents(transitions[index]!, names),
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  }));

  const resolved = times.status === 'resolved';
  return {
    id: incidentId,
    name: localize(incident.title, 'nl').text,
    status: resolved && incident.postmortem ? 'postmortem' : times.status,
    created_at: isoTime(times.startedAt),
    updated_at: isoTime(times.updatedAt),
    monitoring_at: times.monitoringAt ? isoTime(times.monitoringAt) : null,
    resolved_at: times.resolvedAt ? isoTime(times.resolvedAt) : null,
    impact: incident.impact,
    shortlink: absoluteUrl(context.model.site.url, paths.incident('nl', incident.id)),
    started_at: isoTime(times.startedAt),
    page_id: context.pageId,
    incident_updates: updates.reverse(),
    components: entry.components.map((component) => componentsById.get(component.id)).filter((component) => component !== undefined),
    postmortem_body: resolved && incident.postmortem ? localize(incident.postmortem, 'nl').text : null,
  };
}

export interface StatusTransition {
  componentId: string;
  oldStatus: ComponentStatus;
  newStatus: ComponentStatus;
}

/**
 * What each update (in chronological order) changed. Products start operational; an update
 * changes only the products it names; resolving returns every product to operational, exactly
 * as the domain's status windows end at resolution. Repeating a status is not a transition.
 */
export function componentTransitions(chronological: readonly IncidentUpdate[]): StatusTransition[][] {
  const current = new Map<string, ComponentStatus>();
  return chronological.map((update) => {
    const changes: StatusTransition[] = [];
    const named = Object.entries(update.components);
    const targets: Array<[string, ComponentStatus]> =
      update.status === 'resolved'
        ? [...new Set([...current.keys(), ...named.map(([id]) => id)])].map((id) => [id, 'operational'])
        : named;
    for (const [componentId, newStatus] of targets) {
      const oldStatus = current.get(componentId) ?? 'operational';
      if (oldStatus !== newStatus) changes.push({ componentId, oldStatus, newStatus });
      current.set(componentId, newStatus);
    }
    return changes;
  });
}

function affectedComponents(transitions: readonly StatusTransition[], names: Map<string, string>): ApiAffectedComponent[] | null {
  if (transitions.length === 0) return null;
  return transitions.map((transition) => ({
    code: apiId('component', transition.componentId),
    name: names.get(transition.componentId) ?? transition.componentId,
    old_status: transition.oldStatus,
    new_status: transition.newStatus,
  }));
}
