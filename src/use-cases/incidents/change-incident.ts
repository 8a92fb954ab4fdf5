import { z } from 'zod';
import { sanitiseText } from '../../content/serialise-content.ts';
import { writeIncidentFile } from '../../content/write-content.ts';
import { chronologicalUpdates, deriveIncidentTimes, ImpactSchema, IncidentSchema, invalidInput, LocalizedTextSchema, problem, ScopeSchema, SlugSchema, TimestampSchema, type Incident, type Problem } from '../../domain/index.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';
import { auditedWrite, checkReferences, updateTime, validateResult, type ContentChange, type ContentChangeOptions } from './content-change.ts';
import { incidentAsInput, requireIncident, requireUnresolved } from './incident-parts.ts';

export const ChangeIncidentInputSchema = z.strictObject({
  id: SlugSchema,
  title: LocalizedTextSchema,
  impact: ImpactSchema,
  /** The affected products; their statuses change through updates, not here. */
  components: z.array(SlugSchema).refine((ids) => ids.length > 0, problem('choose_product')),
  /** Widen to all municipalities, narrow, or add: the mail audience follows the scope at approval. */
  scope: ScopeSchema,
  /** When the outage began; left out: as it was. */
  started_at: TimestampSchema.optional(),
  /** The public update that explains the change to municipalities. */
  body: LocalizedTextSchema,
});
export type ChangeIncidentInput = z.input<typeof ChangeIncidentInputSchema>;

/** What can change about an open incident's shape. */
export const INCIDENT_SHAPE_FIELDS = ['title', 'impact', 'components', 'scope', 'started_at'] as const;
export type IncidentShapeField = (typeof INCIDENT_SHAPE_FIELDS)[number];

/**
 * Changes the shape of an open incident — title, impact, products, affected municipalities — and
 * explains it in a public update written in the same step, so the page never shows a changed
 * incident without saying why. The status and the promised next update stay as they were. A
 * product an update already named stays (the timeline must remain valid): set it to operational
 * in an update instead. Audited with what changed, from and to.
 */
export function changeIncident(ctx: UseCaseContext, caller: Caller, input: ChangeIncidentInput, options: ContentChangeOptions = {}): ContentChange & { kind: 'incident'; changed: readonly IncidentShapeField[] } {
  authorise(caller, 'incident.manage');
  const parsed = parseInput(ChangeIncidentInputSchema, input);
  const components = [...new Set(parsed.components)];
  checkReferences(ctx, { components, scope: parsed.scope });

  let changedFields: IncidentShapeField[] = [];
  const written = auditedWrite(ctx, caller, () => {
    const incident = requireIncident(ctx, parsed.id);
    const at = updateTime(ctx, options, requireUnresolved(incident));
    const times = deriveIncidentTimes(incident);
    const { before, after, changed: fields } = shapeChange(incident, parsed);
    changedFields = fields;
    // The promise made earlier still stands while it lies ahead.
    const promise = times.nextUpdateAt && times.nextUpdateAt.getTime() > at.getTime() ? { next_update_at: times.nextUpdateAt.toISOString() } : {};
    const changed: Incident = validateResult(IncidentSchema, {
      ...incidentAsInput(incident),
      ...after,
      started_at: after.started_at ?? undefined,
      updates: [...incidentAsInput(incident).updates, { at: at.toISOString(), status: times.status, body: sanitiseText(parsed.body), components: {}, ...promise }],
    });
    const pick = (shape: typeof before) => Object.fromEntries(changedFields.map((field) => [field, shape[field]]));
    return {
      audit: { action: 'incident_changed', kind: 'incident', id: incident.id, at, details: { changed: changedFields, from: pick(before), to: pick(after), ...options.auditDetails } },
      write: () => ({ kind: 'incident', action: 'incident_changed', id: incident.id, drill: ctx.drill, file: writeIncidentFile(ctx.content.dir, changed), incident: changed }),
    };
  });
  return { ...written, changed: changedFields };
}

/**
 * What the change would change, refused when nothing changes or when it drops a product an update
 * already named. Also used when the change is offered for approval (propose-public-change.ts), so
 * the composer hears of it at once.
 */
export function shapeChange(incident: Incident, parsed: z.output<typeof ChangeIncidentInputSchema>) {
  const components = [...new Set(parsed.components)];
  // The start as ISO text (or absent), so it compares by value and goes into the audit readable.
  // The form shows the current start to the minute: the same minute again is no change.
  const startedBefore = incident.started_at?.toISOString() ?? null;
  const minute = (instant: Date) => Math.floor(instant.getTime() / 60_000);
  const sameStart = !parsed.started_at || minute(parsed.started_at) === minute(deriveIncidentTimes(incident).startedAt);
  const startedAfter = sameStart ? startedBefore : parsed.started_at!.toISOString();
  const firstNotice = chronologicalUpdates(incident.updates)[0]!.at;
  if (!sameStart && parsed.started_at!.getTime() > firstNotice.getTime()) throw invalidInput([{ field: 'started_at', code: 'started_after_first_update' }]);
  const before = { title: incident.title, impact: incident.impact, components: incident.components, scope: incident.scope, started_at: startedBefore };
  const after = { title: sanitiseText(parsed.title), impact: parsed.impact, components, scope: parsed.scope, started_at: startedAfter };
  const changed = INCIDENT_SHAPE_FIELDS.filter((field) => !sameValue(before[field], after[field]));
  if (changed.length === 0) throw invalidInput([{ field: '', code: 'nothing_changed' }]);
  const named = new Set(incident.updates.flatMap((update) => Object.keys(update.components)));
  const problems: Problem[] = incident.components.filter((id) => !components.includes(id) && named.has(id)).map((id) => ({ field: 'components', code: 'product_in_timeline', params: { id } }));
  if (problems.length > 0) throw invalidInput(problems);
  return { before, after, changed };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

/** Order-insensitive for lists (products, municipalities), key-sorted for objects. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise).map((item) => JSON.stringify(item)).sort();
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([key, item]) => [key, normalise(item)]));
  return value;
}
