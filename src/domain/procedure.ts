import { z } from 'zod';
import { SlugSchema } from './ids.ts';
import { problem } from './problems.ts';
import { ImpactSchema } from './incident.ts';
import type { Impact } from './vocabulary.ts';

/**
 * The storingsprocedure (templates/storingsprocedure.yaml): the steps incident management takes
 * for an outage, per impact level. Opening an incident copies the steps for its impact into the
 * incident's checklist (src/use-cases/procedure), with a due time counted from the opening, so a
 * changed procedure never rewrites the checklist of a running incident.
 */
const ProcedureTextSchema = z.strictObject({
  nl: z.string().trim().min(1).max(300),
  en: z.string().trim().min(1).max(300),
});

export const ProcedureStepSchema = z.strictObject({
  /** Stable key of the step: a checklist row names it, so ticks survive a reworded title. */
  id: SlugSchema,
  title: ProcedureTextSchema,
  description: z.strictObject({ nl: z.string().trim().min(1).max(1000), en: z.string().trim().min(1).max(1000) }).optional(),
  /** The impact levels this step applies to. */
  impacts: z.array(ImpactSchema).min(1),
  /** Minutes after the incident is opened by which the step must be done; none: no deadline. */
  due_minutes: z.number().int().min(0).max(60 * 24 * 14).optional(),
});
export type ProcedureStep = z.infer<typeof ProcedureStepSchema>;

export const ProcedureSchema = z
  .strictObject({
    /** Raised with every change; each checklist keeps the version it was made from. */
    version: z.number().int().positive(),
    name: ProcedureTextSchema,
    steps: z.array(ProcedureStepSchema).min(1),
  })
  .superRefine((procedure, ctx) => {
    const seen = new Set<string>();
    procedure.steps.forEach((step, index) => {
      if (seen.has(step.id)) ctx.addIssue({ code: 'custom', path: ['steps', index, 'id'], ...problem('duplicate_id', { id: step.id }) });
      seen.add(step.id);
    });
  });
export type Procedure = z.infer<typeof ProcedureSchema>;

/** The checklist an incident of this impact starts with: its steps in the file's order, each with its due time. */
export function checklistFor(procedure: Procedure, impact: Impact, openedAt: Date): { step: ProcedureStep; dueAt: Date | null }[] {
  return procedure.steps
    .filter((step) => step.impacts.includes(impact))
    .map((step) => ({ step, dueAt: step.due_minutes === undefined ? null : new Date(openedAt.getTime() + step.due_minutes * 60_000) }));
}

/** Overdue: a deadline that has passed while the step or action is not done. */
export function isOverdue(item: { dueAt: Date | null; doneAt: Date | null }, now: Date): boolean {
  return item.dueAt !== null && item.doneAt === null && item.dueAt.getTime() < now.getTime();
}
