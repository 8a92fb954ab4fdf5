import { mapTopdeskIncident, parseTopdeskDate, TopdeskIncidentSchema, type TopdeskMapping } from '../../domain/index.ts';
import { transaction } from '../../store/database.ts';
import { insertSignal, latestReceivedAt } from '../../store/signals-repository.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { currentSignalRun, evaluateAlert } from './evaluate-alert.ts';
import { catalogueIds } from './signal-catalogue.ts';
import { loadTopdeskMapping } from './topdesk-mapping.ts';

export interface TopdeskPollResult {
  pages: number;
  fetched: number;
  /** New signals mapped to a product and municipality. */
  stored: number;
  /** New signals kept as "niet te koppelen". */
  unmapped: number;
  /** Already stored (same call number), or not an incident Helder can read. */
  skipped: number;
  alertsRaised: number;
}

/** How far back the first poll looks, and how much each poll overlaps the last (duplicates are ignored). */
const FIRST_POLL_MS = 24 * 3_600_000;
const OVERLAP_MS = 60 * 60_000;

/**
 * Fetches the incidents TOPdesk created since the last poll and stores each as a signal (source
 * "topdesk", reference = the call number). A record whose category/object or branch the mapping
 * does not know, or whose product or municipality is not in the catalogue, is kept as "niet te
 * koppelen" with what TOPdesk said, never dropped. Mapped signals run the spike rule.
 */
export async function pollTopdesk(ctx: UseCaseContext, caller: Caller, mapping: TopdeskMapping = loadTopdeskMapping(requirePort(ctx).mappingFile)): Promise<TopdeskPollResult> {
  authorise(caller, 'signal.record');
  const port = requirePort(ctx);
  const now = ctx.clock.now();
  const newest = latestReceivedAt(ctx.db, ctx.drill, 'topdesk');
  const since = newest ? new Date(newest.getTime() - OVERLAP_MS) : new Date(now.getTime() - FIRST_POLL_MS);
  const { incidents, pages } = await port.incidentsCreatedSince(since);
  const { componentIds, municipalityIds } = catalogueIds(ctx.content.catalogueDir);
  const result: TopdeskPollResult = { pages, fetched: incidents.length, stored: 0, unmapped: 0, skipped: 0, alertsRaised: 0 };

  for (const raw of incidents) {
    const parsed = TopdeskIncidentSchema.safeParse(raw);
    if (!parsed.success) {
      result.skipped += 1;
      continue;
    }
    const incident = parsed.data;
    const receivedAt = parseTopdeskDate(incident.callDate) ?? parseTopdeskDate(incident.creationDate) ?? now;
    const mapped = mapTopdeskIncident(incident, mapping);
    let product: string | null = 'unmapped' in mapped ? mapped.unmapped.product : mapped.product;
    let municipality: string | null = 'unmapped' in mapped ? mapped.unmapped.municipality : mapped.municipality;
    // A mapping that names a product or municipality the catalogue lacks is a mapping mistake: keep the call, show it.
    if (product !== null && !componentIds.has(product)) product = null;
    if (municipality !== null && !municipalityIds.has(municipality)) municipality = null;
    const unmapped =
      product === null || municipality === null
        ? Object.fromEntries(
            Object.entries({
              category: incident.category?.name ?? '',
              subcategory: incident.subcategory?.name ?? '',
              object: incident.object?.name ?? '',
              branch: incident.callerBranch?.name ?? incident.caller?.branch?.name ?? '',
            }).filter(([, value]) => value !== ''),
          )
        : null;
    const summary = (incident.briefDescription ?? '').replace(/[\r\n]+/g, ' ').trim().slice(0, 500) || incident.number;
    transaction(ctx.db, () => {
      const run = currentSignalRun(ctx);
      const stored = insertSignal(ctx.db, {
        ...run,
        product,
        municipality,
        source: 'topdesk',
        reference: incident.number.slice(0, 200),
        summary,
        receivedAt,
        recordedAt: now,
        recordedByName: caller.name,
        unmapped,
      });
      if (!stored.created) {
        result.skipped += 1;
        return;
      }
      audit(ctx, caller, {
        action: 'signal_recorded',
        subject: { type: 'signal', id: stored.id },
        details: { source: 'topdesk', reference: incident.number, product, municipality, received_at: receivedAt.toISOString(), ...(unmapped ? { unmapped } : {}) },
        at: now,
      });
      if (unmapped) {
        result.unmapped += 1;
        return;
      }
      result.stored += 1;
      if (evaluateAlert(ctx, caller, run, product!, { municipality: municipality!, receivedAt })?.kind === 'raised') result.alertsRaised += 1;
    });
  }
  // Each raised alert queued its mail to the incident managers.
  if (result.alertsRaised > 0) ctx.mail.wake();
  return result;
}

function requirePort(ctx: UseCaseContext) {
  if (!ctx.topdesk) throw new Error('TOPdesk is not configured (TOPDESK_URL, TOPDESK_USERNAME, TOPDESK_APPLICATION_PASSWORD, TOPDESK_MAPPING_FILE)');
  return ctx.topdesk;
}
