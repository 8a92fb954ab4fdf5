import { lastAmsterdamDays, startOfAmsterdamDay, UPTIME_DAYS, type PublicIncident } from '../domain/index.ts';

/** Incidents that were open at some point in the uptime period, so the list matches the bars. */
export function incidentsInUptimePeriod(incidents: readonly PublicIncident[], now: Date): PublicIncident[] {
  const periodStart = startOfAmsterdamDay(lastAmsterdamDays(now, UPTIME_DAYS)[0]!).getTime();
  return incidents.filter((entry) => (entry.times.resolvedAt?.getTime() ?? Number.POSITIVE_INFINITY) >= periodStart);
}
