import { z } from 'zod';
import { auditActorOf, type Caller } from '../../auth/signed-in-user.ts';
import { sanitiseMarkdown } from '../../content/serialise-content.ts';
import { DrillNotesSchema } from '../../domain/drill.ts';
import { appendAudit } from '../../store/audit-log.ts';
import { transaction } from '../../store/database.ts';
import { saveDrillNotes } from '../../store/drills-repository.ts';
import { authoriseDrill, type DrillDeps } from './drill-deps.ts';
import { parseDrillInput, requireDrill } from './drill-parts.ts';

export const SaveEvaluationNotesInputSchema = z.strictObject({
  drill_id: z.coerce.number().int().positive(),
  /** Plain text (Markdown is shown as typed): what went well, what broke, what to change. */
  notes: DrillNotesSchema,
});
export type SaveEvaluationNotesInput = z.input<typeof SaveEvaluationNotesInputSchema>;

/** The team's own evaluation, during or after the drill; the latest version counts, each save is audited. */
export function saveEvaluationNotes(deps: Pick<DrillDeps, 'db' | 'clock'>, caller: Caller, input: SaveEvaluationNotesInput): void {
  authoriseDrill(caller, 'drill.take_part');
  const parsed = parseDrillInput(SaveEvaluationNotesInputSchema, input);
  const at = deps.clock.now();
  const notes = sanitiseMarkdown(parsed.notes).trim();
  transaction(deps.db, () => {
    const drill = requireDrill(deps.db, parsed.drill_id);
    saveDrillNotes(deps.db, drill.id, notes, at, caller.name);
    // Only the size: the notes are the team's words, not audit facts.
    appendAudit(deps.db, { actor: auditActorOf(caller), action: 'drill_notes_saved', subject: { type: 'drill', id: drill.id }, details: { characters: notes.length }, drill: true, at });
  });
}
