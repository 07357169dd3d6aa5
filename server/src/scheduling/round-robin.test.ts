import { describe, expect, it } from 'vitest';
import { pickRoundRobinHost, roundRobinAttendees, type RoundRobinHost, type RoundRobinStats } from './round-robin.js';

const host = (username: string, options: Partial<RoundRobinHost> = {}): RoundRobinHost => ({ username, weight: 1, priority: 2, fixed: false, ...options });

/** Books `n` times in a row, each time recording the pick as the host's latest booking. */
function rotate(hosts: RoundRobinHost[], n: number, isFree: (username: string, k: number) => boolean = () => true): string[] {
  const stats = new Map<string, RoundRobinStats>();
  const picks: string[] = [];
  for (let k = 0; k < n; k++) {
    const picked = pickRoundRobinHost(hosts.filter((h) => isFree(h.username, k)), stats)!;
    const before = stats.get(picked) ?? { bookingsThisMonth: 0, lastBookedAt: null };
    stats.set(picked, { bookingsThisMonth: before.bookingsThisMonth + 1, lastBookedAt: k });
    picks.push(picked);
  }
  return picks;
}
const tally = (picks: string[]) => Object.fromEntries([...new Set(picks)].sort().map((u) => [u, picks.filter((p) => p === u).length]));

describe('pickRoundRobinHost', () => {
  it('rotates fairly among equal hosts, in a stable order', () => {
    expect(rotate([host('cy'), host('al'), host('bo')], 7)).toEqual(['al', 'bo', 'cy', 'al', 'bo', 'cy', 'al']);
  });

  it('gives weights 2:1:1 four, two and two of eight bookings', () => {
    const picks = rotate([host('al', { weight: 2 }), host('bo'), host('cy')], 8);
    expect(tally(picks)).toEqual({ al: 4, bo: 2, cy: 2 });
    // Spread out, not four in a row.
    expect(picks).toEqual(['al', 'bo', 'cy', 'al', 'al', 'bo', 'cy', 'al']);
  });

  it('skips a busy host and lets them catch up once free', () => {
    const picks = rotate([host('al'), host('bo'), host('cy')], 9, (username, k) => username !== 'bo' || k >= 4);
    expect(picks.slice(0, 4)).not.toContain('bo');
    expect(tally(picks)).toEqual({ al: 3, bo: 3, cy: 3 });
  });

  it('prefers the furthest below their share over priority, then priority over recency', () => {
    const stats = new Map<string, RoundRobinStats>([
      ['al', { bookingsThisMonth: 3, lastBookedAt: 1 }],
      ['bo', { bookingsThisMonth: 1, lastBookedAt: 9 }],
      ['cy', { bookingsThisMonth: 1, lastBookedAt: 5 }],
    ]);
    expect(pickRoundRobinHost([host('al', { priority: 4 }), host('bo'), host('cy')], stats)).toBe('cy');
    expect(pickRoundRobinHost([host('al'), host('bo', { priority: 3 }), host('cy')], stats)).toBe('bo');
    expect(pickRoundRobinHost([], stats)).toBeNull();
  });

  it('does not depend on the order of the candidates', () => {
    const hosts = [host('al', { weight: 3 }), host('bo', { priority: 1 }), host('cy'), host('di', { weight: 2 })];
    const reversed = [...hosts].reverse();
    expect(rotate(reversed, 20)).toEqual(rotate(hosts, 20));
  });
});

describe('roundRobinAttendees', () => {
  const hosts = [host('al', { fixed: true }), host('bo'), host('cy'), host('di', { fixed: true })];
  const none = new Map<string, RoundRobinStats>();

  it('always includes every fixed host, plus one chosen host', () => {
    expect(roundRobinAttendees(hosts, ['al', 'bo', 'cy', 'di'], none)).toEqual(['al', 'bo', 'di']);
    expect(roundRobinAttendees(hosts, ['al', 'cy', 'di'], none)).toEqual(['al', 'cy', 'di']);
  });

  it('offers nothing when a fixed host or every rotating host is busy', () => {
    expect(roundRobinAttendees(hosts, ['bo', 'cy', 'di'], none)).toBeNull();
    expect(roundRobinAttendees(hosts, ['al', 'di'], none)).toBeNull();
  });

  it('books the fixed hosts alone when there is no one to rotate', () => {
    expect(roundRobinAttendees([host('al', { fixed: true })], ['al'], none)).toEqual(['al']);
  });
});
