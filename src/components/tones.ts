import type { ComponentStatus, Impact, IncidentStatus, MaintenanceStatus, PageIndicator } from '../domain/index.ts';

/**
 * Visual tone of a status: a colour family AND an icon shape (check, triangle, diamond, octagon,
 * wrench), so no status is told by colour alone. Pure look-up; the statuses come from the domain.
 */
export type Tone = 'ok' | 'minor' | 'major' | 'critical' | 'info';

export const componentStatusTone: Record<ComponentStatus, Tone> = {
  operational: 'ok',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
  under_maintenance: 'info',
};

export const impactTone: Record<Impact, Tone> = {
  none: 'info',
  minor: 'minor',
  major: 'major',
  critical: 'critical',
};

/** Where an incident stands; how bad it is shows in the impact badge next to it. */
export const incidentStatusTone: Record<IncidentStatus, Tone> = {
  investigating: 'info',
  identified: 'info',
  monitoring: 'info',
  resolved: 'ok',
};

export const maintenanceTone: Record<MaintenanceStatus, Tone> = {
  scheduled: 'info',
  in_progress: 'info',
  verifying: 'info',
  completed: 'ok',
};

export function indicatorTone(indicator: PageIndicator): Tone {
  if (indicator.description === 'under_maintenance') return 'info';
  return indicator.indicator === 'none' ? 'ok' : indicator.indicator;
}
