import { checklistFor, type Impact } from '../../domain/index.ts';
import { insertChecklist } from '../../store/procedure-checklist-repository.ts';
import type { UseCaseContext } from '../context.ts';
import { ProcedureFileError, readProcedureFile } from './procedure-file.ts';

/**
 * Makes an opened incident's checklist from the storingsprocedure, for its impact, with due times
 * counted from the opening; call it inside the opening's transaction. A broken procedure file
 * never stops an outage from being communicated: the incident opens without a checklist and the
 * returned problem goes into the opening's audit entry (`npm run procedure:check` names the field).
 */
export function instantiateChecklist(ctx: Pick<UseCaseContext, 'db' | 'drill' | 'procedureFile'>, incident: { id: string; impact: Impact }, openedAt: Date): { steps: number; procedure_version: number } | { procedure_problem: string } {
  let procedure;
  try {
    procedure = readProcedureFile(ctx.procedureFile);
  } catch (error) {
    if (error instanceof ProcedureFileError) return { procedure_problem: error.message };
    throw error;
  }
  const steps = checklistFor(procedure, incident.impact, openedAt).map(({ step, dueAt }) => ({ key: step.id, title: step.title, dueAt }));
  insertChecklist(ctx.db, { incidentId: incident.id, drill: ctx.drill, procedureVersion: procedure.version, steps });
  return { steps: steps.length, procedure_version: procedure.version };
}
