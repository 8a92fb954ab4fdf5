import { z } from 'zod';
import { auditActorOf, type Caller } from '../../auth/signed-in-user.ts';
import type { DrillScenario } from '../../domain/drill.ts';
import { appendAudit } from '../../store/audit-log.ts';
import { transaction } from '../../store/database.ts';
import { upsertDrillScenario } from '../../store/drills-repository.ts';
import { checkReferences, ContentChangeError } from '../incidents/content-change.ts';
import { DrillError, authoriseDrill, type DrillDeps } from './drill-deps.ts';
import { parseDrillInput } from './drill-parts.ts';
import { parseScenarioYaml, readShippedScenarios } from './drill-scenarios.ts';

export const SaveDrillScenarioInputSchema = z.strictObject({
  /** The scenario in the same YAML as the files in drills/. */
  yaml: z.string().min(1, 'vul het scenario in (enter the scenario)').max(50_000, 'hoogstens 50.000 tekens (at most 50,000 characters)'),
});

/**
 * An admin's own scenario: validated like the shipped ones and against the catalogue (products and
 * municipalities must exist), then stored. Shipped ids are taken: copy one under a new id.
 */
export function saveDrillScenario(deps: Pick<DrillDeps, 'db' | 'clock' | 'content' | 'scenariosDir'>, caller: Caller, input: z.input<typeof SaveDrillScenarioInputSchema>): DrillScenario {
  authoriseDrill(caller, 'drill.scenario.manage');
  const parsed = parseDrillInput(SaveDrillScenarioInputSchema, input);
  const scenario = parseScenarioYaml(parsed.yaml, 'scenario');
  if (readShippedScenarios(deps.scenariosDir).some((shipped) => shipped.id === scenario.id)) {
    throw new DrillError('invalid_input', [{ field: 'yaml', message: `scenario → id: "${scenario.id}" is een meegeleverd scenario; kies een eigen id (a shipped scenario has this id)` }]);
  }
  try {
    for (const subject of scenario.opens) {
      checkReferences(deps.content, { components: subject.kind === 'incident' ? Object.keys(subject.components) : subject.components, scope: subject.scope });
    }
    for (const event of scenario.events) if (event.expected_scope) checkReferences(deps.content, { components: [], scope: event.expected_scope });
  } catch (error) {
    if (error instanceof ContentChangeError) throw new DrillError('invalid_input', error.problems.map((problem) => ({ field: 'yaml', message: problem.message })));
    throw error;
  }
  const at = deps.clock.now();
  transaction(deps.db, () => {
    upsertDrillScenario(deps.db, scenario, at, caller.name);
    appendAudit(deps.db, { actor: auditActorOf(caller), action: 'drill_scenario_saved', subject: { type: 'drill_scenario', id: scenario.id }, details: { events: scenario.events.length }, drill: true, at });
  });
  return scenario;
}
