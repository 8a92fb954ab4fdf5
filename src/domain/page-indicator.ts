import type { Impact, ComponentStatus } from './vocabulary.ts';

/**
 * What the whole page says, in Statuspage terms. `description` is a stable code; the i18n layer
 * turns it into Dutch or English words and the API into Statuspage's English descriptions.
 */
export type PageDescription =
  | 'all_operational'
  | 'under_maintenance'
  | 'minor_outage'
  | 'partially_degraded'
  | 'degraded_system'
  | 'partial_outage'
  | 'major_service_outage'
  | 'major_system_outage';

export interface PageIndicator {
  indicator: Impact;
  description: PageDescription;
}

/**
 * The rollup follows Statuspage: it is computed from component statuses, not from incident
 * impact (a "critical" incident on one product still reads "major"). The one exception: an open
 * incident that changes no component status still makes the page say "minor outage", so the page
 * never claims all is well while an incident is being investigated.
 *
 * - any product in major outage, all products major → critical "major system outage"
 * - any product in major outage → major "major service outage"
 * - any product in partial outage → major "partial system outage"
 * - all products degraded → minor "degraded system service"
 * - any product degraded → minor "partially degraded service"
 * - an open incident without status changes → minor "minor service outage"
 * - only maintenance → none "service under maintenance"
 * - otherwise → none "all systems operational"
 */
export function pageIndicator(statuses: readonly ComponentStatus[], openIncidentImpacts: readonly Impact[]): PageIndicator {
  const count = (status: ComponentStatus) => statuses.filter((candidate) => candidate === status).length;
  const all = statuses.length;
  if (count('major_outage') > 0) {
    return count('major_outage') === all
      ? { indicator: 'critical', description: 'major_system_outage' }
      : { indicator: 'major', description: 'major_service_outage' };
  }
  if (count('partial_outage') > 0) return { indicator: 'major', description: 'partial_outage' };
  if (count('degraded_performance') > 0) {
    return count('degraded_performance') === all
      ? { indicator: 'minor', description: 'degraded_system' }
      : { indicator: 'minor', description: 'partially_degraded' };
  }
  if (openIncidentImpacts.some((impact) => impact !== 'none')) return { indicator: 'minor', description: 'minor_outage' };
  if (count('under_maintenance') > 0) return { indicator: 'none', description: 'under_maintenance' };
  return { indicator: 'none', description: 'all_operational' };
}
