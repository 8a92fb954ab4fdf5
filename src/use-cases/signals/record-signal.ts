import { invalidInput, SIGNAL_CLOCK_SKEW_MS, SignalInputSchema, type Problem, type SignalInput } from '../../domain/index.ts';
import { transaction } from '../../store/database.ts';
import { insertSignal } from '../../store/signals-repository.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';
import { currentSignalRun, evaluateAlert, type AlertChange } from './evaluate-alert.ts';
import { catalogueIds } from './signal-catalogue.ts';

export interface RecordedSignal {
  id: number;
  /** false: this source and reference were already stored; nothing changed. */
  created: boolean;
  alert: AlertChange;
}

/**
 * Stores one customer signal (API, "Melding registreren", a mapped TOPdesk call) in this
 * context's mode (in a drill context: in the running drill's run), and runs the spike rule for its product in the same transaction. The same
 * source and reference twice is one signal: the second answers with the first one's id and
 * counts nowhere.
 */
export function recordSignal(ctx: UseCaseContext, caller: Caller, input: SignalInput | Record<string, unknown>): RecordedSignal {
  authorise(caller, 'signal.record');
  const parsed = parseInput(SignalInputSchema, input);
  const now = ctx.clock.now();
  const { componentIds, municipalityIds } = catalogueIds(ctx.content.catalogueDir);
  const problems: Problem[] = [];
  if (!componentIds.has(parsed.product)) problems.push({ field: 'product', code: 'unknown_product', params: { id: parsed.product } });
  if (!municipalityIds.has(parsed.municipality)) problems.push({ field: 'municipality', code: 'unknown_municipality', params: { id: parsed.municipality } });
  if (parsed.received_at.getTime() > now.getTime() + SIGNAL_CLOCK_SKEW_MS) problems.push({ field: 'received_at', code: 'must_not_be_future' });
  if (problems.length > 0) throw invalidInput(problems);

  const recorded = transaction(ctx.db, (): RecordedSignal => {
    const run = currentSignalRun(ctx);
    const stored = insertSignal(ctx.db, {
      ...run,
      product: parsed.product,
      municipality: parsed.municipality,
      source: parsed.source,
      reference: parsed.reference,
      summary: parsed.summary,
      receivedAt: parsed.received_at,
      recordedAt: now,
      recordedByName: caller.name,
      unmapped: null,
    });
    if (!stored.created) return { id: stored.id, created: false, alert: null };
    audit(ctx, caller, {
      action: 'signal_recorded',
      subject: { type: 'signal', id: stored.id },
      details: { product: parsed.product, municipality: parsed.municipality, source: parsed.source, reference: parsed.reference, received_at: parsed.received_at.toISOString() },
      at: now,
    });
    return { id: stored.id, created: true, alert: evaluateAlert(ctx, caller, run, parsed.product, { municipality: parsed.municipality, receivedAt: parsed.received_at }) };
  });
  // A raised alert queued its mail to the incident managers.
  if (recorded.alert?.kind === 'raised') ctx.mail.wake();
  return recorded;
}
