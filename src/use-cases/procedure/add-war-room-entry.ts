import { z } from 'zod';
import { invalidInput, SlugSchema, TimestampSchema } from '../../domain/index.ts';
import { transaction } from '../../store/database.ts';
import { insertWarRoomEntry } from '../../store/procedure-checklist-repository.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { requireIncident } from '../incidents/incident-parts.ts';
import { parseInput } from '../parse-input.ts';
import { OptionalUserIdSchema, requireColleague } from './procedure-parts.ts';

export const AddWarRoomEntryInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    id: SlugSchema,
    kind: z.literal('action'),
    /** What has to be done, e.g. "Hostingpartij bellen over de databaseserver". */
    text: z.string().trim().min(2).max(2000),
    owner: OptionalUserIdSchema,
    due_at: TimestampSchema.optional(),
  }),
  z.strictObject({
    id: SlugSchema,
    kind: z.literal('note'),
    /** What was found, said or decided; internal, never public. */
    text: z.string().trim().min(2).max(2000),
  }),
]);
export type AddWarRoomEntryInput = z.input<typeof AddWarRoomEntryInputSchema>;

/**
 * Adds an action (a free task with an owner and a due time) or an internal note to the incident's
 * war-room log. The log lives in the database only: nothing of it reaches content/, the public
 * build or a message.
 */
export function addWarRoomEntry(ctx: UseCaseContext, caller: Caller, input: AddWarRoomEntryInput): { entry: number } {
  authorise(caller, 'incident.manage');
  const parsed = parseInput(AddWarRoomEntryInputSchema, input);
  const incident = requireIncident(ctx, parsed.id);
  const at = ctx.clock.now();
  if (parsed.kind === 'action' && parsed.due_at && parsed.due_at.getTime() < at.getTime() - 60_000) throw invalidInput([{ field: 'due_at', code: 'must_be_future' }]);
  return transaction(ctx.db, () => {
    const owner = parsed.kind === 'action' && parsed.owner ? requireColleague(ctx.db, parsed.owner, 'owner') : null;
    const dueAt = parsed.kind === 'action' ? (parsed.due_at ?? null) : null;
    const entry = insertWarRoomEntry(ctx.db, { incidentId: incident.id, drill: ctx.drill, kind: parsed.kind, text: parsed.text, ownerUserId: owner?.userId ?? null, dueAt, createdBy: caller.kind === 'user' ? caller.userId : null, at });
    audit(ctx, caller, {
      action: parsed.kind === 'action' ? 'war_room_action_added' : 'war_room_note_added',
      subject: { type: 'incident', id: incident.id },
      details: parsed.kind === 'action' ? { entry, action: parsed.text, owner: owner?.name ?? null, due_at: dueAt?.toISOString() ?? null } : { entry, note: parsed.text },
      at,
    });
    return { entry };
  });
}
