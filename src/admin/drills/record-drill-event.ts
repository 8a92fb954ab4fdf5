import { z } from 'zod';
import { auditActorOf, type Caller } from '../../auth/signed-in-user.ts';
import { sanitiseText } from '../../content/serialise-content.ts';
import { LocalizedTextSchema } from '../../domain/index.ts';
import { appendAudit } from '../../store/audit-log.ts';
import { transaction } from '../../store/database.ts';
import { insertDrillEvent } from '../../store/drills-repository.ts';
import { authoriseDrill, type DrillDeps } from './drill-deps.ts';
import { parseDrillInput, requireRunningDrill } from './drill-parts.ts';

export const RecordDrillEventInputSchema = z.strictObject({
  drill_id: z.coerce.number().int().positive(),
  /** What happened outside Helder, e.g. "10:12 incidentmanager belt de leverancier van het certificaat". */
  text: z.string().trim().min(3, 'beschrijf wat er gebeurde (describe what happened)').max(1000, 'hoogstens 1000 tekens (at most 1000 characters)'),
});
export type RecordDrillEventInput = z.input<typeof RecordDrillEventInputSchema>;

/**
 * Notes a step that happened outside Helder (a phone call, a decision) on the drill's timeline.
 * Steps inside Helder need no call: every audited drill action is on the timeline already.
 */
export function recordDrillEvent(deps: Pick<DrillDeps, 'db' | 'clock'>, caller: Caller, input: RecordDrillEventInput): { eventId: number; at: Date } {
  authoriseDrill(caller, 'drill.take_part');
  const parsed = parseDrillInput(RecordDrillEventInputSchema, input);
  const at = deps.clock.now();
  const text = sanitiseText(LocalizedTextSchema.parse(parsed.text));
  return transaction(deps.db, () => {
    const drill = requireRunningDrill(deps.db, parsed.drill_id);
    const eventId = insertDrillEvent(deps.db, drill.id, { kind: 'observation', scenarioEvent: null, at, text, expectedMunicipalities: null, recordedByName: caller.name });
    appendAudit(deps.db, { actor: auditActorOf(caller), action: 'drill_event_recorded', subject: { type: 'drill', id: drill.id }, details: { text }, drill: true, at });
    return { eventId, at };
  });
}
