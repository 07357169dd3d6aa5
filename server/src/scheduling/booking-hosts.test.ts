import { describe, expect, it } from 'vitest';
import { chooseBookingHosts } from './booking-hosts.js';
import type { RoundRobinHost, RoundRobinStats } from './round-robin.js';

const host = (username: string, fixed = false): RoundRobinHost => ({ username, weight: 1, priority: 2, fixed });
const none = new Map<string, RoundRobinStats>();

describe('chooseBookingHosts', () => {
  it('books every host of a collective event', () => {
    expect(chooseBookingHosts('collective', [host('al'), host('bo')], [['al', 'bo'], ['al', 'bo']], none)).toEqual({ ok: true, hosts: ['al', 'bo'] });
  });

  it('names every occurrence that is not offered, not just the first', () => {
    expect(chooseBookingHosts('collective', [host('al')], [['al'], null, ['al'], null], none)).toEqual({ ok: false, clashes: [1, 3] });
  });

  it('round robin: the fixed hosts plus one host free at every occurrence', () => {
    const hosts = [host('al', true), host('bo'), host('cy')];
    // bo is free at the first occurrence only; cy at both: cy takes the series although bo comes first.
    expect(chooseBookingHosts('round_robin', hosts, [['al', 'bo', 'cy'], ['al', 'cy']], none)).toEqual({ ok: true, hosts: ['al', 'cy'] });
  });

  it('round robin: refuses a series no one host can take whole, though each occurrence has someone', () => {
    expect(chooseBookingHosts('round_robin', [host('bo'), host('cy')], [['bo'], ['cy']], none)).toEqual({ ok: false, clashes: [] });
  });

  it('round robin: follows the rotation among hosts free throughout', () => {
    const stats = new Map<string, RoundRobinStats>([['bo', { bookingsThisMonth: 2, lastBookedAt: 5 }]]);
    expect(chooseBookingHosts('round_robin', [host('bo'), host('cy')], [['bo', 'cy']], stats)).toEqual({ ok: true, hosts: ['cy'] });
  });
});
