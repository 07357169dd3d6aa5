import { describe, expect, it } from 'vitest';
import { bookingsQueryWindow } from './query-window.js';
import { eventType, ms } from './test-fixtures.js';

const range = { start: ms('2026-12-02T12:00:00Z'), end: ms('2026-12-03T12:00:00Z') };
const iso = (w: { start: number; end: number }) => [new Date(w.start).toISOString(), new Date(w.end).toISOString()];

describe('bookingsQueryWindow', () => {
  it('widens by the largest possible buffer, and the duration at the end', () => {
    expect(iso(bookingsQueryWindow(range, eventType({ durationMinutes: 60 })))).toEqual(['2026-12-01T12:00:00.000Z', '2026-12-04T13:00:00.000Z']);
  });

  it('covers whole days or ISO weeks of the hosts\' zones when there are limits', () => {
    const perDay = eventType({ limits: { perDay: 1, perWeek: null } });
    // Sunday 25 October 2026 has 25 hours in Berlin: its midnight lies more than a day before 23:30.
    expect(iso(bookingsQueryWindow({ start: ms('2026-10-25T22:30:00Z'), end: ms('2026-10-25T23:30:00Z') }, perDay, ['Europe/Berlin']))).toEqual([
      '2026-10-24T22:00:00.000Z',
      '2026-10-27T00:00:00.000Z', // the buffer margin after the range
    ]);
    const perWeek = eventType({ limits: { perDay: null, perWeek: 1 } });
    expect(iso(bookingsQueryWindow(range, perWeek, ['Europe/Berlin', 'America/New_York']))).toEqual([
      '2026-11-29T23:00:00.000Z', // Monday 30 November in Berlin
      '2026-12-07T05:00:00.000Z', // end of Sunday 6 December in New York
    ]);
  });

  it('without zones, takes a margin wide enough for any zone', () => {
    const perWeek = eventType({ limits: { perDay: null, perWeek: 1 } });
    const w = bookingsQueryWindow(range, perWeek);
    expect(w.start).toBeLessThanOrEqual(ms('2026-11-29T10:00:00Z'));
    expect(w.end).toBeGreaterThanOrEqual(ms('2026-12-07T12:00:00Z'));
  });
});
