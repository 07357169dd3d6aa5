import { describe, expect, it } from 'vitest';
import { computeSlots } from './slots.js';
import { bookingsQueryWindow } from './query-window.js';
import { booking, eventType, host, input, ms } from './test-fixtures.js';

const range = { start: ms('2026-12-02T12:00:00Z'), end: ms('2026-12-03T12:00:00Z') };
const iso = (w: { start: number; end: number }) => [new Date(w.start).toISOString(), new Date(w.end).toISOString()];

describe('bookingsQueryWindow', () => {
  it('widens by the largest possible buffer, and the duration at the end', () => {
    expect(iso(bookingsQueryWindow(range, eventType({ durationMinutes: 60 })))).toEqual(['2026-12-01T12:00:00.000Z', '2026-12-04T13:00:00.000Z']);
  });

  it('covers the whole days or ISO weeks of the range in any zone when there are limits', () => {
    expect(iso(bookingsQueryWindow(range, eventType({ limits: { perDay: 1, perWeek: null } })))).toEqual(['2026-11-30T12:00:00.000Z', '2026-12-05T12:00:00.000Z']);
    expect(iso(bookingsQueryWindow(range, eventType({ limits: { perDay: null, perWeek: 1 } })))).toEqual(['2026-11-24T12:00:00.000Z', '2026-12-11T12:00:00.000Z']);
  });

  it('loses no slot-changing booking: slots from the window\'s bookings equal slots from all of them', () => {
    const et = eventType({ durationMinutes: 60, beforeBufferMinutes: 30, limits: { perDay: 2, perWeek: 4 } });
    const all = [
      booking('2026-11-30T01:00:00Z', '2026-11-30T02:00:00Z'), // Monday in Kiritimati: counts for the week
      booking('2026-12-01T09:00:00Z', '2026-12-01T10:00:00Z', { afterBufferMinutes: 24 * 60 }),
      booking('2026-12-03T19:00:00Z', '2026-12-03T20:00:00Z'),
      booking('2026-12-04T10:00:00Z', '2026-12-04T11:00:00Z', { beforeBufferMinutes: 24 * 60 - 1 }),
      booking('2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z'),
    ];
    const window = bookingsQueryWindow(range, et);
    const loaded = all.filter((b) => b.end > window.start && b.start < window.end);
    expect(loaded).toHaveLength(4);
    const slots = (bookings: typeof all) =>
      computeSlots(input({ eventType: et, range, hosts: [host('k', 'Pacific/Kiritimati', { bookings })] }));
    // The week is full only thanks to Monday's booking, six days before the range.
    expect(slots(all.slice(1)).length).toBeGreaterThan(0);
    expect(slots(all)).toEqual([]);
    expect(slots(loaded)).toEqual(slots(all));
  });
});
