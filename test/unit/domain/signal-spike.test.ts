import { describe, expect, it } from 'vitest';
import { DEFAULT_SPIKE_RULE, findSpike, type SignalPoint } from '../../../src/domain/signal-spike.ts';

const at = (minutesAfterEight: number) => new Date(Date.UTC(2026, 11, 3, 8, 0) + minutesAfterEight * 60_000);
const point = (municipality: string, minute: number): SignalPoint => ({ municipality, receivedAt: at(minute) });
// Utrecht, Amsterdam, Eindhoven, Tilburg, Breda, Rotterdam, Groningen, Almere
const CODES = ['GM0344', 'GM0363', 'GM0772', 'GM0855', 'GM0758', 'GM0599', 'GM0014', 'GM0034'];

describe('the spike rule', () => {
  it('calls four municipalities within fifteen minutes a possible national outage', () => {
    const signals = [point('GM0344', 0), point('GM0363', 4), point('GM0772', 9), point('GM0855', 14)];
    expect(findSpike(signals, at(14), DEFAULT_SPIKE_RULE)).toEqual({
      suggestion: 'national',
      municipalities: ['GM0344', 'GM0363', 'GM0772', 'GM0855'],
      count: 4,
      firstAt: at(0),
      lastAt: at(14),
    });
  });

  it('does not when the fourth municipality calls after the window has passed', () => {
    const signals = [point('GM0344', 0), point('GM0363', 4), point('GM0772', 9), point('GM0855', 16)];
    expect(findSpike(signals, at(16), DEFAULT_SPIKE_RULE)).toBeNull();
  });

  it('names all eight municipalities that called within a minute', () => {
    const signals = CODES.map((code, index) => ({ municipality: code, receivedAt: new Date(at(0).getTime() + index * 7_000) }));
    const spike = findSpike(signals, at(1), DEFAULT_SPIKE_RULE);
    expect(spike?.suggestion).toBe('national');
    expect(spike?.municipalities).toEqual([...CODES].sort());
    expect(spike?.count).toBe(8);
  });

  it('counts repeated calls from one municipality once towards the national rule, and as a local outage', () => {
    const signals = [point('GM0344', 0), point('GM0344', 2), point('GM0344', 5), point('GM0363', 6)];
    expect(findSpike(signals, at(6), DEFAULT_SPIKE_RULE)).toEqual({ suggestion: 'local', municipalities: ['GM0344'], count: 3, firstAt: at(0), lastAt: at(5) });
  });

  it('lets a late-arriving signal count at the moment it was reported', () => {
    // Three municipalities at 08:00–08:08; Tilburg's ticket from 08:10 reaches us at 08:20.
    const signals = [point('GM0344', 0), point('GM0363', 4), point('GM0772', 8)];
    expect(findSpike(signals, at(20), DEFAULT_SPIKE_RULE)).toBeNull();
    const spike = findSpike([...signals, point('GM0855', 10)], at(20), DEFAULT_SPIKE_RULE);
    expect(spike).toMatchObject({ suggestion: 'national', count: 4, lastAt: at(10) });
  });

  it('does not raise a spike that is long over when its signals arrive hours late', () => {
    const signals = [point('GM0344', 0), point('GM0363', 4), point('GM0772', 8), point('GM0855', 10)];
    expect(findSpike(signals, at(180), DEFAULT_SPIKE_RULE)).toBeNull();
  });

  it('calls a rate far above the usual level national even from fewer municipalities', () => {
    const rule = { ...DEFAULT_SPIKE_RULE, municipalities: 4 };
    const signals = [0, 1, 2, 3, 4, 5, 6, 7].map((minute) => point(minute % 2 === 0 ? 'GM0344' : 'GM0363', minute));
    // A quiet product: no signals in the past week.
    expect(findSpike(signals, at(7), rule, 0)?.suggestion).toBe('national');
    // A busy product: 700 signals a week is about one per window; eight is not ten times that.
    expect(findSpike(signals, at(7), rule, 700)?.suggestion).toBe('local');
  });

  it('follows the configured thresholds', () => {
    const signals = [point('GM0344', 0), point('GM0363', 20), point('GM0772', 25)];
    expect(findSpike(signals, at(25), DEFAULT_SPIKE_RULE)).toBeNull();
    expect(findSpike(signals, at(25), { ...DEFAULT_SPIKE_RULE, municipalities: 3, windowMinutes: 30 })?.municipalities).toEqual(['GM0344', 'GM0363', 'GM0772']);
  });
});
