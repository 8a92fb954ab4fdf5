import { z } from 'zod';
import { Refusal } from '../../domain/index.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import { transaction } from '../../store/database.ts';
import { initialExpectedScope } from '../../domain/drill.ts';
import { insertDrillEvent, listDrillEvents } from '../../store/drills-repository.ts';
import { readMunicipalities, resolveScope } from './catalogue.ts';
import { requireRunningDrill } from './drill-parts.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';

export const InjectScenarioEventInputSchema = z.strictObject({
  drill_id: z.coerce.number().int().positive(),
  /** Index into the scenario's events. */
  event: z.coerce.number().int().min(0),
});
export type InjectScenarioEventInput = z.input<typeof InjectScenarioEventInputSchema>;

/**
 * The drill leader brings in the scenario's next signal ("10:05 meer gemeenten melden problemen").
 * Each signal once; early or late is the leader's call, and the timeline records when it really came.
 */
export function injectScenarioEvent(ctx: UseCaseContext, caller: Caller, input: InjectScenarioEventInput): { eventId: number; at: Date } {
  authorise(caller, 'drill.lead');
  const parsed = parseInput(InjectScenarioEventInputSchema, input);
  const at = ctx.clock.now();
  return transaction(ctx.db, () => {
    const drill = requireRunningDrill(ctx.db, parsed.drill_id);
    const event = drill.scenario.events[parsed.event];
    if (!event) throw new Refusal('signal_not_found', { detail: String(parsed.event) });
    if (listDrillEvents(ctx.db, drill.id).some((recorded) => recorded.scenarioEvent === parsed.event)) {
      throw new Refusal('signal_injected');
    }
    const expected = event.expected_scope
      ? resolveScope(event.expected_scope, initialExpectedScope(drill.scenario).products, readMunicipalities(ctx.content.catalogueDir))
      : null;
    const eventId = insertDrillEvent(ctx.db, drill.id, { kind: 'injected', scenarioEvent: parsed.event, at, text: event.text, expectedMunicipalities: expected, recordedByName: caller.name });
    audit(ctx, caller, { action: 'drill_event_injected', subject: { type: 'drill', id: drill.id }, details: { event: parsed.event, planned_after_minutes: event.after_minutes, text: event.text, ...(expected ? { expected_municipalities: expected.length } : {}) }, at });
    return { eventId, at };
  });
}
