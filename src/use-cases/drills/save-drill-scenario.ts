import { z } from 'zod';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { DrillScenario } from '../../domain/drill.ts';
import { transaction } from '../../store/database.ts';
import { upsertDrillScenario } from '../../store/drills-repository.ts';
import { Refusal } from '../../domain/index.ts';
import { checkReferences } from '../incidents/content-change.ts';

import { asScenarioProblems, parseScenarioYaml, readShippedScenarios } from './drill-scenarios.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';

export const SaveDrillScenarioInputSchema = z.strictObject({
  /** The scenario in the same YAML as the files in drills/. */
  yaml: z.string().min(1).max(50_000),
});

/**
 * An admin's own scenario: validated like the shipped ones and against the catalogue (products and
 * municipalities must exist), then stored. Shipped ids are taken: copy one under a new id.
 */
export function saveDrillScenario(ctx: UseCaseContext, caller: Caller, input: z.input<typeof SaveDrillScenarioInputSchema>): DrillScenario {
  authorise(caller, 'drill.scenario.manage');
  const parsed = parseInput(SaveDrillScenarioInputSchema, input);
  const scenario = parseScenarioYaml(parsed.yaml, 'scenario');
  if (readShippedScenarios(ctx.scenariosDir).some((shipped) => shipped.id === scenario.id)) {
    throw new Refusal('scenario_shipped_id', { params: { id: scenario.id } });
  }
  asScenarioProblems(() => {
    for (const subject of scenario.opens) {
      checkReferences(ctx, { components: subject.kind === 'incident' ? Object.keys(subject.components) : subject.components, scope: subject.scope });
    }
    for (const event of scenario.events) if (event.expected_scope) checkReferences(ctx, { components: [], scope: event.expected_scope });
  });
  const at = ctx.clock.now();
  transaction(ctx.db, () => {
    upsertDrillScenario(ctx.db, scenario, at, caller.name);
    audit(ctx, caller, { action: 'drill_scenario_saved', subject: { type: 'drill_scenario', id: scenario.id }, details: { events: scenario.events.length }, at });
  });
  return scenario;
}
