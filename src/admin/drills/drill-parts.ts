import type { z } from 'zod';
import type { Database } from '../../store/database.ts';
import { findDrill, type DrillRecord } from '../../store/drills-repository.ts';
import { DrillError } from './drill-deps.ts';

/** Parses with a schema; each zod issue becomes a problem naming its form field. */
export function parseDrillInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new DrillError(
    'invalid_input',
    result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message })),
  );
}

export function requireDrill(db: Database, id: number): DrillRecord {
  const drill = findDrill(db, id);
  if (!drill) throw new DrillError('not_found', [{ field: 'drill_id', message: `oefening ${id} bestaat niet (no such drill)` }]);
  return drill;
}

/** Steps that change what happens in a drill are only possible while it runs. */
export function requireRunningDrill(db: Database, id: number): DrillRecord {
  const drill = requireDrill(db, id);
  if (drill.endedAt) throw new DrillError('drill_ended', [{ field: 'drill_id', message: `oefening ${id} is al beëindigd (the drill has ended)` }]);
  return drill;
}
