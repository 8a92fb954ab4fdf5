import { z } from 'zod';
import { auditActorOf, type Caller } from '../../auth/signed-in-user.ts';
import { appendAudit } from '../../store/audit-log.ts';
import { transaction } from '../../store/database.ts';
import { initialExpectedScope } from '../../domain/drill.ts';
import { insertDrillEvent, listDrillEvents } from '../../store/drills-repository.ts';
import { readMunicipalities, resolveScope } from './catalogue.ts';
import { DrillError, authoriseDrill, type DrillDeps } from './drill-deps.ts';
import { parseDrillInput, requireRunningDrill } from './drill-parts.ts';

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
export function injectScenarioEvent(deps: Pick<DrillDeps, 'db' | 'clock' | 'content'>, caller: Caller, input: InjectScenarioEventInput): { eventId: number; at: Date } {
  authoriseDrill(caller, 'drill.lead');
  const parsed = parseDrillInput(InjectScenarioEventInputSchema, input);
  const at = deps.clock.now();
  return transaction(deps.db, () => {
    const drill = requireRunningDrill(deps.db, parsed.drill_id);
    const event = drill.scenario.events[parsed.event];
    if (!event) throw new DrillError('not_found', [{ field: 'event', message: `het scenario heeft geen melding ${parsed.event + 1} (the scenario has no such event)` }]);
    if (listDrillEvents(deps.db, drill.id).some((recorded) => recorded.scenarioEvent === parsed.event)) {
      throw new DrillError('already_injected', [{ field: 'event', message: 'deze melding is al ingebracht (this signal was already injected)' }]);
    }
    const expected = event.expected_scope
      ? resolveScope(event.expected_scope, initialExpectedScope(drill.scenario).products, readMunicipalities(deps.content.contentDir))
      : null;
    const eventId = insertDrillEvent(deps.db, drill.id, { kind: 'injected', scenarioEvent: parsed.event, at, text: event.text, expectedMunicipalities: expected, recordedByName: caller.name });
    appendAudit(deps.db, {
      actor: auditActorOf(caller),
      action: 'drill_event_injected',
      subject: { type: 'drill', id: drill.id },
      details: { event: parsed.event, planned_after_minutes: event.after_minutes, text: event.text, ...(expected ? { expected_municipalities: expected.length } : {}) },
      drill: true,
      at,
    });
    return { eventId, at };
  });
}
