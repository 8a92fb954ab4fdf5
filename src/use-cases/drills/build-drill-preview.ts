import { authorise, type Caller } from '../authorise.ts';
import { loadContent } from '../../content/load-content.ts';
import { readIncidentFile, readMaintenanceFile } from '../../content/write-content.ts';
import { buildDrillPreviewModel, type DrillPreviewModel } from '../../domain/drill-preview.ts';
import { drillSubjectKeys } from '../../domain/drill.ts';
import type { Incident, Maintenance } from '../../domain/index.ts';
import { reportOf } from './build-drill-report.ts';
import { requireDrill } from './drill-parts.ts';
import type { UseCaseContext } from '../context.ts';

/**
 * The public status page as it would have looked at `now` (or when the drill ended), with the
 * drill's incidents and maintenance on it. Only the admin serves it; the public build never sees
 * drill content, because it reads content/ and the drill content lives elsewhere.
 */
export function buildDrillPreview(ctx: UseCaseContext, caller: Caller, input: { drillId: number; siteUrl?: string }): DrillPreviewModel & { at: Date } {
  authorise(caller, 'drill.view');
  const drill = requireDrill(ctx.db, input.drillId);
  const at = drill.endedAt ?? ctx.clock.now();
  const report = reportOf(ctx.db, drill, ctx.clock.now());
  const incidents: Incident[] = [];
  const maintenances: Maintenance[] = [];
  for (const key of drillSubjectKeys(report.timeline)) {
    const [kind, id] = key.split(':') as ['incident' | 'maintenance', string];
    if (kind === 'incident') {
      const incident = readIncidentFile(ctx.content.dir, id);
      if (incident?.drill) incidents.push(incident);
    } else {
      const maintenance = readMaintenanceFile(ctx.content.dir, id);
      if (maintenance?.drill) maintenances.push(maintenance);
    }
  }
  const live = loadContent(ctx.content.catalogueDir, input.siteUrl ? { siteUrl: input.siteUrl } : {});
  return { ...buildDrillPreviewModel(live, { incidents, maintenances }, at), at };
}
