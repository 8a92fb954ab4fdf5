/**
 * Ordered status vocabularies. They are the Statuspage v2 value sets, so the public API can emit
 * them unchanged; every rollup in this folder works on these literals, never on display strings.
 */

export const COMPONENT_STATUSES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/**
 * How bad a component status is for someone trying to use the product. Planned maintenance is
 * announced and expected, so any unplanned degradation outranks it when both apply at once.
 */
export const COMPONENT_STATUS_SEVERITY: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

export const IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type Impact = (typeof IMPACTS)[number];

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nl';

export function worstComponentStatus(statuses: Iterable<ComponentStatus>): ComponentStatus {
  let worst: ComponentStatus = 'operational';
  for (const status of statuses) {
    if (COMPONENT_STATUS_SEVERITY[status] > COMPONENT_STATUS_SEVERITY[worst]) worst = status;
  }
  return worst;
}

export function worstImpact(impacts: Iterable<Impact>): Impact {
  let worst: Impact = 'none';
  for (const impact of impacts) {
    if (IMPACTS.indexOf(impact) > IMPACTS.indexOf(worst)) worst = impact;
  }
  return worst;
}
