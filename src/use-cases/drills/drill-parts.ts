import type { Caller } from '../authorise.ts';
import { Refusal } from '../../domain/index.ts';
import type { Database } from '../../store/database.ts';
import { findDrill, type DrillRecord } from '../../store/drills-repository.ts';

export function requireDrill(db: Database, id: number): DrillRecord {
  const drill = findDrill(db, id);
  if (!drill) throw new Refusal('drill_not_found', { detail: String(id) });
  return drill;
}

/** Steps that change what happens in a drill are only possible while it runs. */
export function requireRunningDrill(db: Database, id: number): DrillRecord {
  const drill = requireDrill(db, id);
  if (drill.endedAt) throw new Refusal('drill_ended', { detail: String(id) });
  return drill;
}

/** The audit actor name of steps the drill machinery takes on the leader's behalf. */
export function scenarioActorName(caller: Caller): string {
  return `oefenscenario (gestart door ${caller.name})`;
}
