import { z } from 'zod';
import { audit } from '../audit.ts';
import { authorise, type Caller, type SystemCaller } from '../authorise.ts';
import { DRILL_ROLES, DrillSignalSpeedSchema, initialExpectedScope, type DrillRole, type ScenarioSubject } from '../../domain/drill.ts';
import { Refusal, SlugSchema } from '../../domain/index.ts';
import { transaction } from '../../store/database.ts';
import { findUserById } from '../../store/user-repository.ts';
import { rolesAllow } from '../../auth/roles.ts';
import { DrillAlreadyRunningError, findRunningDrill, insertDrill } from '../../store/drills-repository.ts';
import { checkReferences } from '../incidents/content-change.ts';
import { openIncident } from '../incidents/open-incident.ts';
import { scheduleMaintenance } from '../maintenance/schedule-maintenance.ts';
import { recordDrillRole } from './assign-drill-role.ts';
import { readMunicipalities, resolveScope } from './catalogue.ts';
import { scenarioActorName } from './drill-parts.ts';
import { asScenarioProblems, findScenario } from './drill-scenarios.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';

const OptionalUserId = z.preprocess((value) => (value === '' || value === null ? undefined : value), z.coerce.number().int().positive().optional());

export const StartDrillInputSchema = z.strictObject({
  scenario_id: SlugSchema,
  /** Who plays which role from the start; roles can also be assigned later. */
  roles: z.strictObject(Object.fromEntries(DRILL_ROLES.map((role) => [role, OptionalUserId])) as Record<DrillRole, typeof OptionalUserId>).default({}),
  /** How much faster than real time the scenario's timed signals arrive: 1 (real time), 2, 5 or 10. */
  signal_speed: DrillSignalSpeedSchema.default(1),
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
export function startDrill(ctx: UseCaseContext, caller: Caller, input: StartDrillInput): StartedDrill {
  authorise(caller, 'drill.lead');
  const parsed = parseInput(StartDrillInputSchema, input);
  const { scenario } = findScenario(ctx, parsed.scenario_id);
  const at = ctx.clock.now();
  const expectation = initialExpectedScope(scenario);
  asScenarioProblems(() => {
    for (const subject of scenario.opens) checkReferences(ctx, { components: componentsOf(subject), scope: subject.scope });
    checkReferences(ctx, { components: expectation.products, scope: expectation.scope });
    // Timed signals name products and municipalities too: a wrong one must stop the start, not the drill halfway.
    scenario.signals.forEach((signal, index) => {
      try {
        checkReferences(ctx, { components: [signal.product], scope: { municipalities: [signal.municipality] } });
      } catch (error) {
        if (Refusal.is(error)) throw new Refusal(error.code, { problems: error.problems.map((problem) => ({ ...problem, field: `signals[${index}].${problem.field.startsWith('scope') ? 'municipality' : 'product'}` })) });
        throw error;
      }
    });
  });
  const expected = resolveScope(expectation.scope, expectation.products, readMunicipalities(ctx.content.catalogueDir));
  const running = findRunningDrill(ctx.db);
  if (running) throw new Refusal('drill_running', { detail: String(running.id) });

  // Subjects are opened by the scenario on the leader's behalf: the leader need not be a composer.
  const scenarioCaller: SystemCaller = { kind: 'system', name: scenarioActorName(caller) };
  try {
    return transaction(ctx.db, () => {
      const drillId = insertDrill(ctx.db, {
        scenario,
        expectedMunicipalities: expected,
        at,
        startedBy: caller.kind === 'user' ? caller.userId : null,
        startedByName: caller.name,
        signalSpeed: parsed.signal_speed,
      });
      audit(ctx, caller, { action: 'drill_started', subject: { type: 'drill', id: drillId }, details: { scenario_id: scenario.id, expected_municipalities: expected.length, ...(scenario.signals.length > 0 ? { timed_signals: scenario.signals.length, signal_speed: parsed.signal_speed } : {}) }, at });
      for (const role of DRILL_ROLES) {
        const userId = parsed.roles[role];
        if (userId !== undefined) recordDrillRole(ctx, caller, { drillId, role, userId, at });
      }
      const options = { at, auditDetails: { drill_id: drillId } };
      const opened = scenario.opens.map((subject) => {
        if (subject.kind === 'incident') {
          const change = openIncident(ctx, scenarioCaller, { title: subject.title, impact: subject.impact, components: subject.components, scope: subject.scope, body: subject.body, ...leadOf(ctx, parsed.roles.incident_manager) }, options);
          return { kind: 'incident' as const, id: change.id };
        }
        const change = scheduleMaintenance(
          ctx,
          scenarioCaller,
          {
            title: subject.title,
            description: subject.description,
            components: subject.components,
            scope: subject.scope,
            scheduled_for: new Date(at.getTime() + subject.starts_minutes * 60_000).toISOString(),
            scheduled_until: new Date(at.getTime() + subject.ends_minutes * 60_000).toISOString(),
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
      throw new Refusal('drill_running');
    }
    throw error;
  }
}

function componentsOf(subject: ScenarioSubject): string[] {
  return subject.kind === 'incident' ? Object.keys(subject.components) : subject.components;
}

/** The drill's incident manager leads the incidents the scenario opens, when their staff roles allow it. */
function leadOf(ctx: UseCaseContext, userId: number | undefined): { incident_manager?: number } {
  if (userId === undefined) return {};
  const user = findUserById(ctx.db, userId);
  return user?.active && rolesAllow(user.roles, 'incident.manage') ? { incident_manager: userId } : {};
}
