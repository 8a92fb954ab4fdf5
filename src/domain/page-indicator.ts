import type { Impact, ComponentStatus } from './vocabulary.ts';

/**
 * What the whole page says, in Statuspage terms. `description` is a stable code; the i18n layer
 * turns it into Dutch or English words and the API into Statuspage's English descriptions:
 * all_operational "All Systems Operational", under_maintenance "Service Under Maintenance",
 * minor_outage "Minor Service Outage", partially_degraded "Partially Degraded Service",
 * degraded_system "Degraded System Service", partial_outage "Partial System Outage",
 * major_system_outage "Major System Outage".
 */
export type PageDescription =
  | 'all_operational'
  | 'under_maintenance'
  | 'minor_outage'
  | 'partially_degraded'
  | 'degraded_system'
  | 'partial_outage'
  | 'major_system_outage';

export interface PageIndicator {
  indicator: Impact;
  description: PageDescription;
}

/**
 * The rollup follows Statuspage's documented top-level status ("Top-level status and incident
 * impact calculations"): it is computed from component statuses, not from incident impact, so a
 * "critical" incident on one of several products reads "major". The one addition: an open
 * incident that changes no component status still makes the page say "minor service outage", so
 * the page never claims all is well while an incident is being investigated.
 *
 * - all products in major outage → critical "major system outage"
 * - some products in major outage → major "partial system outage"
 * - all products in partial outage → major "partial system outage"
 * - some products in partial outage → minor "minor service outage"
 * - all (two or more) products degraded → minor "degraded system service"
 * - some products degraded, or the only product → minor "partially degraded service"
 * - an open incident with impact above none → minor "minor service outage"
 * - only maintenance → none "service under maintenance"
 * - otherwise → none "all systems operational"
 */
export function pageIndicator(statuses: readonly ComponentStatus[], openIncidentImpacts: readonly Impact[]): PageIndicator {
  const count = (status: ComponentStatus) => statuses.filter((candidate) => candidate === status).length;
  const all = statuses.length;
  if (count('major_outage') > 0) {
    return count('major_outage') === all
      ? { indicator: 'critical', description: 'major_system_outage' }
      : { indicator: 'major', description: 'partial_outage' };
  }
  if (count('partial_outage') > 0) {
    return count('partial_outage') === all
      ? { indicator: 'major', description: 'partial_outage' }
      : { indicator: 'minor', description: 'minor_outage' };
  }
  if (count('degraded_performance') > 0) {
    // Statuspage reads a single degraded product as "partially degraded", not a degraded system.
    return count('degraded_performance') === all && all > 1
      ? { indicator: 'minor', description: 'degraded_system' }
      : { indicator: 'minor', description: 'partially_degraded' };
  }
  if (openIncidentImpacts.some((impact) => impact !== 'none')) return { indicator: 'minor', description: 'minor_outage' };
  if (count('under_maintenance') > 0) return { indicator: 'none', description: 'under_maintenance' };
  return { indicator: 'none', description: 'all_operational' };
}
