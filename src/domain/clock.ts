/** Time source for everything that expires; tests pass a fake one instead of waiting. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface FakeClock extends Clock {
  advance(milliseconds: number): void;
  set(instant: Date | string): void;
}

export function createFakeClock(start: Date | string = '2026-10-05T07:30:00Z'): FakeClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance: (milliseconds) => {
      current += milliseconds;
    },
    set: (instant) => {
      current = new Date(instant).getTime();
    },
  };
}
