import { z } from 'zod';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import { sanitiseText } from '../../content/serialise-content.ts';
import { LocalizedTextSchema } from '../../domain/index.ts';
import { transaction } from '../../store/database.ts';
import { insertDrillEvent } from '../../store/drills-repository.ts';
import { requireRunningDrill } from './drill-parts.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';

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
export function recordDrillEvent(ctx: UseCaseContext, caller: Caller, input: RecordDrillEventInput): { eventId: number; at: Date } {
  authorise(caller, 'drill.take_part');
  const parsed = parseInput(RecordDrillEventInputSchema, input);
  const at = ctx.clock.now();
  const text = sanitiseText(LocalizedTextSchema.parse(parsed.text));
  return transaction(ctx.db, () => {
    const drill = requireRunningDrill(ctx.db, parsed.drill_id);
    const eventId = insertDrillEvent(ctx.db, drill.id, { kind: 'observation', scenarioEvent: null, at, text, expectedMunicipalities: null, recordedByName: caller.name });
    audit(ctx, caller, { action: 'drill_event_recorded', subject: { type: 'drill', id: drill.id }, details: { text }, at });
    return { eventId, at };
  });
}
