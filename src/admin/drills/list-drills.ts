import type { Caller } from '../../auth/signed-in-user.ts';
import { drillTrend, type DrillTrendPoint } from '../../domain/drill-report.ts';
import { listDrills } from '../../store/drills-repository.ts';
import { reportOf } from './build-drill-report.ts';
import { authoriseDrill, type DrillDeps } from './drill-deps.ts';

export interface DrillListEntry extends DrillTrendPoint {
  scenarioId: string;
  endedAt: Date | null;
}

/** Past and running drills, newest first, each with its key figures compared with the drill before it. */
export function listDrillsWithTrend(deps: Pick<DrillDeps, 'db' | 'clock'>, caller: Caller, options: { limit?: number } = {}): DrillListEntry[] {
  authoriseDrill(caller, 'drill.view');
  const now = deps.clock.now();
  const drills = listDrills(deps.db, { limit: options.limit ?? 50 });
  const reports = drills.map((drill) => reportOf(deps.db, drill, now));
  const byId = new Map(drills.map((drill) => [drill.id, drill]));
  return drillTrend(reports)
    .map((point) => ({ ...point, scenarioId: byId.get(point.drillId)!.scenarioId, endedAt: byId.get(point.drillId)!.endedAt }))
    .reverse();
}
