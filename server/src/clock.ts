/** The wall clock, injected so that services and tests agree on "now". */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function fixedClock(at: number | string): Clock & { set(to: number | string): void; advance(ms: number): void } {
  let current = typeof at === 'string' ? Date.parse(at) : at;
  return {
    now: () => current,
    set: (to) => void (current = typeof to === 'string' ? Date.parse(to) : to),
    advance: (ms) => void (current += ms),
  };
}
