import { localize, type ComponentStatus, type MaintenanceStatus, type MaintenanceUpdate, type PublicMaintenance } from '../domain/index.ts';
import { absoluteUrl, paths } from '../site/urls.ts';
import { isoTime, type ApiContext } from './api-context.ts';
import type { ApiComponent, ApiMaintenance, ApiMaintenanceUpdate } from './schemas.ts';
import { apiId, updateIds } from './statuspage-ids.ts';

/** What a maintenance status means for the products it covers. */
const PRODUCT_STATUS: Record<MaintenanceStatus, ComponentStatus> = {
  scheduled: 'operational',
  in_progress: 'under_maintenance',
  verifying: 'under_maintenance',
  completed: 'operational',
};

/**
 * One maintenance in Statuspage shape (impact "maintenance"). Statuspage carries the description
 * as the body of the first "scheduled" update; when the content has no such announcement we add
 * one at `created_at` so API clients still learn what will happen.
 */
export function toApiMaintenance(context: ApiContext, entry: PublicMaintenance, componentsById: Map<string, ApiComponent>): ApiMaintenance {
  const { maintenance } = entry;
  const maintenanceId = apiId('maintenance', maintenance.id);
  const chronological = [...entry.updates].sort((a, b) => a.at.getTime() - b.at.getTime());
  const createdAt = chronological[0]?.at ?? maintenance.scheduled_for;
  const announced = chronological.some((update) => update.status === 'scheduled');
  const withAnnouncement: MaintenanceUpdate[] = announced
    ? chronological
    : [{ at: createdAt, status: 'scheduled', body: maintenance.description }, ...chronological];
  const ids = updateIds('maintenance_update', maintenance.id, withAnnouncement);
  const names = new Map(entry.components.map((component) => [component.id, component.name]));

  let productStatus: ComponentStatus = 'operational';
  const updates: ApiMaintenanceUpdate[] = withAnnouncement.map((update, index) => {
    const next = PRODUCT_STATUS[update.status];
    const changed = next !== productStatus;
    const oldStatus = productStatus;
    productStatus = next;
    return {
      id: ids[index]!,
      status: update.status,
      body: localize(update.body, 'nl').text,
      incident_id: maintenanceId,
      created_at: isoTime(update.at),
      updated_at: isoTime(update.at),
      display_at: isoTime(update.at),
      affected_components: changed
        ? maintenance.components.map((componentId) => ({
            code: apiId('component', componentId),
            name: names.get(componentId) ?? componentId,
            old_status: oldStatus,
            new_status: next,
          }))
        : null,
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    };
  });

  const now = context.model.generatedAt.getTime();
  const known = [createdAt, chronological.at(-1)?.at, entry.startedAt, entry.completedAt].filter(
    (instant): instant is Date => instant instanceof Date && instant.getTime() <= now,
  );
  const updatedAt = new Date(Math.max(createdAt.getTime(), ...known.map((instant) => instant.getTime())));
  const monitoringAt = chronological.find((update) => update.status === 'verifying')?.at ?? null;

  return {
    id: maintenanceId,
    name: localize(maintenance.title, 'nl').text,
    status: entry.status,
    created_at: isoTime(createdAt),
    updated_at: isoTime(updatedAt),
    monitoring_at: monitoringAt ? isoTime(monitoringAt) : null,
    resolved_at: entry.completedAt ? isoTime(entry.completedAt) : null,
    impact: 'maintenance',
    shortlink: absoluteUrl(context.model.site.url, paths.maintenance('nl', maintenance.id)),
    // Until work starts, Statuspage reports the planned start here.
    started_at: isoTime(entry.startedAt ?? maintenance.scheduled_for),
    page_id: context.pageId,
    incident_updates: updates.reverse(),
    components: entry.components.map((component) => componentsById.get(component.id)).filter((component) => component !== undefined),
    scheduled_for: isoTime(maintenance.scheduled_for),
    scheduled_until: isoTime(maintenance.scheduled_until),
  };
}
