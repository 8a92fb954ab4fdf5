import { z } from 'zod';
import { auditActorOf, type Caller, type SystemCaller } from '../../auth/signed-in-user.ts';
import { DRILL_ROLES, initialExpectedScope, type DrillRole, type ScenarioSubject } from '../../domain/drill.ts';
import { SlugSchema } from '../../domain/index.ts';
import { appendAudit } from '../../store/audit-log.ts';
import { transaction } from '../../store/database.ts';
import { DrillAlreadyRunningError, findRunningDrill, insertDrill } from '../../store/drills-repository.ts';
import { checkReferences, ContentChangeError, type ContentDeps } from '../incidents/content-change.ts';
import { openIncident } from '../incidents/open-incident.ts';
import { scheduleMaintenance } from '../maintenance/schedule-maintenance.ts';
import { recordDrillRole } from './assign-drill-role.ts';
import { readMunicipalities, resolveScope } from './catalogue.ts';
import { DrillError, authoriseDrill, scenarioActorName, type DrillDeps } from './drill-deps.ts';
import { parseDrillInput } from './drill-parts.ts';
import { findScenario } from './drill-scenarios.ts';

const OptionalUserId = z.preprocess((value) => (value === '' || value === null ? undefined : value), z.coerce.number().int().positive().optional());

export const StartDrillInputSchema = z.strictObject({
  scenario_id: SlugSchema,
  /** Who plays which role from the start; roles can also be assigned later. */
  roles: z.strictObject(Object.fromEntries(DRILL_ROLES.map((role) => [role, OptionalUserId])) as Record<DrillRole, typeof OptionalUserId>).default({}),
});
export type StartDrillInput = z.input<typeof StartDrillInputSchema>;

export interface StartedDrill {
  drillId: number;
  startedAt: Date;
  /** The incidents and maintenance the drill opened, marked drill, in the drill content directory. */
  opened: Array<{ kind: 'incident' | 'maintenance'; id: string }>;
}

/**
 * Starts a drill from a shipped or custom scenario: records it (one at a time), assigns the roles
 * given, and opens the scenario's incidents and maintenance through the real use cases, marked
 * drill, so they land in the drill content directory only. All in one transaction.
 */
export function startDrill(deps: DrillDeps, caller: Caller, input: StartDrillInput): StartedDrill {
  authoriseDrill(caller, 'drill.lead');
  const parsed = parseDrillInput(StartDrillInputSchema, input);
  const { scenario } = findScenario(deps, parsed.scenario_id);
  const at = deps.clock.now();
  const expectation = initialExpectedScope(scenario);
  try {
    for (const subject of scenario.opens) checkReferences(deps.content, { components: componentsOf(subject), scope: subject.scope });
    checkReferences(deps.content, { components: expectation.products, scope: expectation.scope });
  } catch (error) {
    if (error instanceof ContentChangeError) {
      throw new DrillError('scenario_invalid', error.problems.map((problem) => ({ field: 'scenario_id', message: `scenario "${scenario.id}": ${problem.message}` })));
    }
    throw error;
  }
  const expected = resolveScope(expectation.scope, expectation.products, readMunicipalities(deps.content.contentDir));
  const running = findRunningDrill(deps.db);
  if (running) throw new DrillError('drill_running', [{ field: 'scenario_id', message: `oefening ${running.id} loopt nog; beëindig die eerst (drill ${running.id} is still running; end it first)` }]);

  // Subjects are opened by the scenario on the leader's behalf: the leader need not be a composer.
  const scenarioCaller: SystemCaller = { kind: 'system', name: scenarioActorName(caller) };
  const drillContent: ContentDeps = { ...deps.content, drill: true };
  try {
    return transaction(deps.db, () => {
      const drillId = insertDrill(deps.db, {
        scenario,
        expectedMunicipalities: expected,
        at,
        startedBy: caller.kind === 'user' ? caller.userId : null,
        startedByName: caller.name,
      });
      appendAudit(deps.db, {
        actor: auditActorOf(caller),
        action: 'drill_started',
        subject: { type: 'drill', id: drillId },
        details: { scenario_id: scenario.id, expected_municipalities: expected.length },
        drill: true,
        at,
      });
      for (const role of DRILL_ROLES) {
        const userId = parsed.roles[role];
        if (userId !== undefined) recordDrillRole(deps.db, caller, { drillId, role, userId, at });
      }
      const options = { at, auditDetails: { drill_id: drillId } };
      const opened = scenario.opens.map((subject) => {
        if (subject.kind === 'incident') {
          const change = openIncident(drillContent, scenarioCaller, { title: subject.title, impact: subject.impact, components: subject.components, scope: subject.scope, body: subject.body, drill: true }, options);
          return { kind: 'incident' as const, id: change.id };
        }
        const change = scheduleMaintenance(
          drillContent,
          scenarioCaller,
          {
            title: subject.title,
            description: subject.description,
            components: subject.components,
            scope: subject.scope,
            scheduled_for: new Date(at.getTime() + subject.starts_minutes * 60_000).toISOString(),
            scheduled_until: new Date(at.getTime() + subject.ends_minutes * 60_000).toISOString(),
            drill: true,
          },
          options,
        );
        return { kind: 'maintenance' as const, id: change.id };
      });
      return { drillId, startedAt: at, opened };
    });
  } catch (error) {
    // Two leaders pressing start at once: the database's one-running index decides.
    if (error instanceof DrillAlreadyRunningError || (error instanceof Error && /drills_one_running/.test(error.message))) {
      throw new DrillError('drill_running', [{ field: 'scenario_id', message: 'er loopt al een oefening; beëindig die eerst (a drill is already running)' }]);
    }
    throw error;
  }
}

function componentsOf(subject: ScenarioSubject): string[] {
  return subject.kind === 'incident' ? Object.keys(subject.components) : subject.components;
}
