import { z } from 'zod';
import { MunicipalityIdSchema, SlugSchema, type Signal } from '../../domain/index.ts';
import { listAlerts, listSignals as listSignalRows, type SignalAlert } from '../../store/signals-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';

export const SignalListFilterSchema = z.strictObject({
  product: SlugSchema.optional(),
  municipality: MunicipalityIdSchema.optional(),
  /** Only the imported records that could not be mapped ("niet te koppelen"). */
  unmapped: z.boolean().optional(),
  incident: SlugSchema.optional(),
});
export type SignalListFilter = z.input<typeof SignalListFilterSchema>;

export interface SignalOverview {
  signals: Signal[];
  /** Alerts raised in the past seven days, open ones included. */
  recentAlerts: SignalAlert[];
}

/** Signals of this context's mode, newest first, per product, municipality, incident or unmapped. */
export function listSignals(ctx: UseCaseContext, caller: Caller, filter: SignalListFilter = {}, limit = 200): SignalOverview {
  authorise(caller, 'signal.view');
  const parsed = parseInput(SignalListFilterSchema, filter);
  const signals = listSignalRows(
    ctx.db,
    ctx.drill,
    {
      ...(parsed.product ? { product: parsed.product } : {}),
      ...(parsed.municipality ? { municipality: parsed.municipality } : {}),
      ...(parsed.unmapped ? { unmapped: true } : {}),
      ...(parsed.incident ? { incidentId: parsed.incident } : {}),
    },
    limit,
  );
  return { signals, recentAlerts: listAlerts(ctx.db, ctx.drill, new Date(ctx.clock.now().getTime() - 7 * 86_400_000)) };
}
