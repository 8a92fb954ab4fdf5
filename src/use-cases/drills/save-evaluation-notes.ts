import { z } from 'zod';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import { sanitiseMarkdown } from '../../content/serialise-content.ts';
import { DrillNotesSchema } from '../../domain/drill.ts';
import { transaction } from '../../store/database.ts';
import { saveDrillNotes } from '../../store/drills-repository.ts';
import { requireDrill } from './drill-parts.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';

export const SaveEvaluationNotesInputSchema = z.strictObject({
  drill_id: z.coerce.number().int().positive(),
  /** Plain text (Markdown is shown as typed): what went well, what broke, what to change. */
  notes: DrillNotesSchema,
});
export type SaveEvaluationNotesInput = z.input<typeof SaveEvaluationNotesInputSchema>;

/** The team's own evaluation, during or after the drill; the latest version counts, each save is audited. */
export function saveEvaluationNotes(ctx: UseCaseContext, caller: Caller, input: SaveEvaluationNotesInput): void {
  authorise(caller, 'drill.take_part');
  const parsed = parseInput(SaveEvaluationNotesInputSchema, input);
  const at = ctx.clock.now();
  const notes = sanitiseMarkdown(parsed.notes).trim();
  transaction(ctx.db, () => {
    const drill = requireDrill(ctx.db, parsed.drill_id);
    saveDrillNotes(ctx.db, drill.id, notes, at, caller.name);
    // Only the size: the notes are the team's words, not audit facts.
    audit(ctx, caller, { action: 'drill_notes_saved', subject: { type: 'drill', id: drill.id }, details: { characters: notes.length }, at });
  });
}
