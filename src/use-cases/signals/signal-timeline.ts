import { deriveIncidentTimes } from '../../domain/index.ts';
import { countSignalsPerBucket } from '../../store/signals-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

export interface TimelineBucket {
  start: Date;
  end: Date;
  count: number;
}

export interface TimelineMark {
  kind: 'started' | 'resolved';
  at: Date;
  incidentId: string;
}

export interface SignalTimeline {
  from: Date;
  until: Date;
  buckets: TimelineBucket[];
  /** Starts and resolutions of the product's incidents within the range. */
  marks: TimelineMark[];
}

const HOUR = 3_600_000;

/**
 * The product's signals over the last 24 hours (per hour) and the last 7 days (per 6 hours), with
 * the starts and resolutions of its incidents in this context's content marked, for the chart on
 * the signal, dashboard and incident screens.
 */
export function getSignalTimelines(ctx: UseCaseContext, caller: Caller, product: string): { day: SignalTimeline; week: SignalTimeline } {
  authorise(caller, 'signal.view');
  const now = ctx.clock.now();
  // Buckets end at the next whole hour, so a bucket is an hour on the clock ("08:00–09:00").
  const until = new Date(Math.ceil(now.getTime() / HOUR) * HOUR);
  const incidents = ctx.content
    .read()
    .incidents.filter((incident) => incident.components.includes(product))
    .map((incident) => ({ id: incident.id, times: deriveIncidentTimes(incident) }));
  const timeline = (hours: number, bucketHours: number): SignalTimeline => {
    const from = new Date(until.getTime() - hours * HOUR);
    const counts = countSignalsPerBucket(ctx.db, ctx.drill, product, from, until, bucketHours * HOUR);
    const within = (at: Date | null): at is Date => at !== null && at.getTime() >= from.getTime() && at.getTime() <= until.getTime();
    const marks: TimelineMark[] = incidents.flatMap(({ id, times }) => [
      ...(within(times.startedAt) ? [{ kind: 'started' as const, at: times.startedAt, incidentId: id }] : []),
      ...(within(times.resolvedAt) ? [{ kind: 'resolved' as const, at: times.resolvedAt, incidentId: id }] : []),
    ]);
    return {
      from,
      until,
      buckets: counts.map((count, index) => ({ start: new Date(from.getTime() + index * bucketHours * HOUR), end: new Date(from.getTime() + (index + 1) * bucketHours * HOUR), count })),
      marks: marks.sort((a, b) => a.at.getTime() - b.at.getTime()),
    };
  };
  return { day: timeline(24, 1), week: timeline(7 * 24, 6) };
}
