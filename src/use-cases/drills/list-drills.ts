import { authorise, type Caller } from '../authorise.ts';
import { drillTrend, type DrillTrendPoint } from '../../domain/drill-report.ts';
import { listDrills } from '../../store/drills-repository.ts';
import { reportOf } from './build-drill-report.ts';
import type { UseCaseContext } from '../context.ts';

export interface DrillListEntry extends DrillTrendPoint {
  scenarioId: string;
  endedAt: Date | null;
}

/** Past and running drills, newest first, each with its key figures compared with the drill before it. */
export function listDrillsWithTrend(ctx: UseCaseContext, caller: Caller, options: { limit?: number } = {}): DrillListEntry[] {
  authorise(caller, 'drill.view');
  const now = ctx.clock.now();
  const drills = listDrills(ctx.db, { limit: options.limit ?? 50 });
  const reports = drills.map((drill) => reportOf(ctx.db, drill, now));
  const byId = new Map(drills.map((drill) => [drill.id, drill]));
  return drillTrend(reports)
    .map((point) => ({ ...point, scenarioId: byId.get(point.drillId)!.scenarioId, endedAt: byId.get(point.drillId)!.endedAt }))
    .reverse();
}
