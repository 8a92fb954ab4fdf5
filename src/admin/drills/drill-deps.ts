import type { Clock } from '../../auth/clock.ts';
import { AuthorisationError, ROLE_LABELS, type Role } from '../../auth/roles.ts';
import type { Caller } from '../../auth/signed-in-user.ts';
import type { Database } from '../../store/database.ts';
import type { FieldProblem } from '../admin-error.ts';
import type { ContentDeps } from '../incidents/content-change.ts';

/** What the drill use cases need; built once at the composition root. */
export interface DrillDeps {
  db: Database;
  clock: Clock;
  /** The incident and maintenance use cases' deps: a drill opens its subjects through them. */
  content: ContentDeps;
  /** The shipped scenarios: <project>/drills. */
  scenariosDir: string;
  /** The mail capture's root data directory, for the captured .eml files. */
  dataDir?: string;
}

/**
 * Who may do what in a drill. Leading a drill (start, inject signals, assign roles, end) is for
 * approvers and admins, the people who run the procedure; everyone on staff takes part, notes
 * observations and writes the evaluation. Kept here until src/auth/roles.ts has drill permissions.
 */
export const DRILL_PERMISSIONS = {
  'drill.view': ['composer', 'approver', 'admin'],
  'drill.take_part': ['composer', 'approver', 'admin'],
  'drill.lead': ['approver', 'admin'],
  'drill.scenario.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type DrillPermission = keyof typeof DRILL_PERMISSIONS;

/** The installation itself may do anything; a user needs one of the permission's roles. */
export function authoriseDrill(caller: Caller, permission: DrillPermission): void {
  if (caller.kind === 'system') return;
  const allowed: readonly Role[] = DRILL_PERMISSIONS[permission];
  if (!caller.roles.some((role) => allowed.includes(role))) {
    const needed = allowed.map((role) => ROLE_LABELS[role].nl.toLowerCase()).join(' of ');
    throw new AuthorisationError('forbidden', `"${permission}" vraagt de rol ${needed}; ${caller.name} heeft die niet (needs another role).`);
  }
}

export type DrillErrorCode = 'invalid_input' | 'not_found' | 'drill_running' | 'drill_ended' | 'already_injected' | 'scenario_invalid';

/** A refused drill action; `problems` link to form fields. Nothing was changed. */
export class DrillError extends Error {
  readonly code: DrillErrorCode;
  readonly problems: FieldProblem[];
  constructor(code: DrillErrorCode, problems: FieldProblem[]) {
    super(problems.map((problem) => (problem.field ? `${problem.field}: ${problem.message}` : problem.message)).join('\n'));
    this.name = 'DrillError';
    this.code = code;
    this.problems = problems;
  }
}

/** The audit actor name of steps the drill machinery takes on the leader's behalf. */
export function scenarioActorName(caller: Caller): string {
  return `oefenscenario (gestart door ${caller.name})`;
}
