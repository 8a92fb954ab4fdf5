import type { PageDescription, PageIndicator } from '../domain/index.ts';
import { isoTime, type ApiContext } from './api-context.ts';
import type { ApiPage, ApiStatus } from './schemas.ts';

/** Statuspage's own English wording for each rollup; clients compare these strings. */
export const STATUSPAGE_DESCRIPTION: Record<PageDescription, ApiStatus['description']> = {
  all_operational: 'All Systems Operational',
  under_maintenance: 'Service Under Maintenance',
  minor_outage: 'Minor Service Outage',
  partially_degraded: 'Partially Degraded Service',
  degraded_system: 'Degraded System Service',
  partial_outage: 'Partial System Outage',
  major_system_outage: 'Major System Outage',
};

export function toApiStatus(indicator: PageIndicator): ApiStatus {
  return { indicator: indicator.indicator, description: STATUSPAGE_DESCRIPTION[indicator.description] };
}

/** The `page` envelope. `updated_at` is the last published change, not the build time. */
export function toApiPage(context: ApiContext): ApiPage {
  const { model } = context;
  const now = model.generatedAt.getTime();
  let latest = context.epoch.getTime();
  const consider = (instant: Date | null) => {
    if (instant && instant.getTime() <= now && instant.getTime() > latest) latest = instant.getTime();
  };
  for (const entry of model.incidents) for (const update of entry.updates) consider(update.at);
  for (const entry of model.maintenances) {
    for (const update of entry.updates) consider(update.at);
    consider(entry.startedAt);
    consider(entry.completedAt);
  }
  return {
    id: context.pageId,
    name: model.site.vendor.name,
    url: model.site.url,
    time_zone: 'Europe/Amsterdam',
    updated_at: isoTime(new Date(latest)),
  };
}
