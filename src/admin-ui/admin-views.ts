import { deriveIncidentTimes, deriveMaintenanceStatus, localize, type ContentSet, type Incident, type IncidentTimes, type Language, type Maintenance, type MaintenanceStatus } from '../domain/index.ts';

/**
 * What the admin's lists show, derived once from the content (pure: pages only render these).
 * Drill content is read through the same functions, so a drill looks exactly like the real thing.
 */
export interface IncidentRow {
  incident: Incident;
  times: IncidentTimes;
  title: string;
  /** The promised next update has passed without a newer update. */
  overdueMinutes: number | null;
}

export function incidentRows(content: Pick<ContentSet, 'incidents'>, now: Date, lang: Language): IncidentRow[] {
  return content.incidents
    .map((incident) => {
      const times = deriveIncidentTimes(incident);
      const overdue = times.nextUpdateAt && times.nextUpdateAt.getTime() < now.getTime() ? Math.floor((now.getTime() - times.nextUpdateAt.getTime()) / 60_000) : null;
      return { incident, times, title: localize(incident.title, lang).text, overdueMinutes: overdue };
    })
    .sort((a, b) => b.times.updatedAt.getTime() - a.times.updatedAt.getTime() || a.incident.id.localeCompare(b.incident.id));
}

export function openIncidentRows(rows: readonly IncidentRow[]): IncidentRow[] {
  return rows.filter((row) => row.times.status !== 'resolved');
}

export interface MaintenanceRow {
  maintenance: Maintenance;
  status: MaintenanceStatus;
  title: string;
}

export function maintenanceRows(content: Pick<ContentSet, 'maintenances'>, now: Date, lang: Language): MaintenanceRow[] {
  return content.maintenances
    .map((maintenance) => ({ maintenance, status: deriveMaintenanceStatus(maintenance, now), title: localize(maintenance.title, lang).text }))
    .sort((a, b) => b.maintenance.scheduled_for.getTime() - a.maintenance.scheduled_for.getTime());
}

/** "incident:<id>" / "maintenance:<id>": how a message's subject travels through forms and URLs. */
export function subjectKey(subject: { kind: 'incident' | 'maintenance'; id: string }): string {
  return `${subject.kind}:${subject.id}`;
}

export function parseSubjectKey(value: string | null | undefined): { kind: 'incident' | 'maintenance'; id: string } | null {
  const match = /^(incident|maintenance):([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(value ?? '');
  return match ? { kind: match[1] as 'incident' | 'maintenance', id: match[2]! } : null;
}
