/**
 * The spike rule: when do customer signals about one product add up to an alert?
 *
 * - **National** ("mogelijk landelijke storing"): signals from at least `municipalities` distinct
 *   municipalities within any `windowMinutes` (default 4 within 15); or a rate far above the
 *   product's usual level: at least twice `municipalities` signals from two or more
 *   municipalities within the window, and more than `baselineFactor` times the product's average per window over
 *   the past `baselineDays` days (default 10× over 7 days).
 * - **Local** ("lokale storing"): one municipality reports at least `localRepeats` times within
 *   the window (default 3), and the national rule does not hold.
 *
 * Windows slide over the signals' own received times, not over arrival, so a signal that arrives
 * late still counts with the signals of its moment. A spike is only raised while it is recent:
 * its window must end no longer ago than `recentMinutes` (default two hours), so a backlog of
 * old tickets does not raise an alert about yesterday. Duplicates never reach this rule (the
 * store keeps one signal per source and reference).
 */
export interface SpikeRule {
  municipalities: number;
  windowMinutes: number;
  localRepeats: number;
  baselineFactor: number;
  baselineDays: number;
  recentMinutes: number;
}

export const DEFAULT_SPIKE_RULE: SpikeRule = { municipalities: 4, windowMinutes: 15, localRepeats: 3, baselineFactor: 10, baselineDays: 7, recentMinutes: 120 };

export interface SignalPoint {
  municipality: string;
  receivedAt: Date;
}

export type SpikeSuggestion = 'national' | 'local';

export interface Spike {
  suggestion: SpikeSuggestion;
  /** CBS codes of the municipalities in the spike's window, sorted. */
  municipalities: string[];
  count: number;
  firstAt: Date;
  lastAt: Date;
}

/**
 * The strongest spike among `signals` (one product, any order) whose window ends at or after
 * `now - recentMinutes`; null when there is none. `baselineCount` gives the number of the product's
 * signals in the `baselineDays` before (0 when unknown); it is asked only when the rate rule could
 * decide, because counting a week of signals is the expensive part. National wins over local; among equals the
 * window with the most municipalities, then the most signals, then the latest.
 */
export function findSpike(signals: readonly SignalPoint[], now: Date, rule: SpikeRule, baselineCount: number | (() => number) = 0): Spike | null {
  const windowMs = rule.windowMinutes * 60_000;
  const sorted = [...signals].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  const windowsPerBaseline = (rule.baselineDays * 24 * 60) / rule.windowMinutes;
  let baselinePerWindow: number | null = typeof baselineCount === 'number' ? baselineCount / windowsPerBaseline : null;
  const baseline = () => (baselinePerWindow ??= (baselineCount as () => number)() / windowsPerBaseline);
  const recentFrom = now.getTime() - rule.recentMinutes * 60_000;
  let best: Spike | null = null;
  const counts = new Map<string, number>();
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    const current = sorted[end]!;
    counts.set(current.municipality, (counts.get(current.municipality) ?? 0) + 1);
    while (current.receivedAt.getTime() - sorted[start]!.receivedAt.getTime() > windowMs) {
      const leaving = sorted[start]!.municipality;
      const left = counts.get(leaving)! - 1;
      if (left === 0) counts.delete(leaving);
      else counts.set(leaving, left);
      start += 1;
    }
    if (current.receivedAt.getTime() < recentFrom) continue;
    const candidate = judge(sorted, start, end, counts, rule, baseline);
    if (candidate && better(candidate, best)) best = candidate;
  }
  return best;
}

function judge(sorted: readonly SignalPoint[], start: number, end: number, counts: ReadonlyMap<string, number>, rule: SpikeRule, baselinePerWindow: () => number): Spike | null {
  const count = end - start + 1;
  const distinct = counts.size;
  const span = { count, firstAt: sorted[start]!.receivedAt, lastAt: sorted[end]!.receivedAt };
  const aboveBaseline = distinct < rule.municipalities && count >= 2 * rule.municipalities && distinct >= 2 && count > rule.baselineFactor * baselinePerWindow();
  if (distinct >= rule.municipalities || aboveBaseline) return { suggestion: 'national', municipalities: [...counts.keys()].sort(), ...span };
  const repeated = [...counts].filter(([, times]) => times >= rule.localRepeats).map(([municipality]) => municipality);
  if (repeated.length > 0) {
    // Only the repeating municipality's own signals make the local alert.
    const own = sorted.slice(start, end + 1).filter((point) => repeated.includes(point.municipality));
    return { suggestion: 'local', municipalities: repeated.sort(), count: own.length, firstAt: own[0]!.receivedAt, lastAt: own.at(-1)!.receivedAt };
  }
  return null;
}

function better(candidate: Spike, best: Spike | null): boolean {
  if (!best) return true;
  if (candidate.suggestion !== best.suggestion) return candidate.suggestion === 'national';
  if (candidate.municipalities.length !== best.municipalities.length) return candidate.municipalities.length > best.municipalities.length;
  if (candidate.count !== best.count) return candidate.count > best.count;
  return candidate.lastAt.getTime() >= best.lastAt.getTime();
}
