import { describe, expect, it } from 'vitest';
import { computeSlots, isSlotOffered, offeredSlotAt } from './slots.js';
import { booking, eventType, host, input, ms, nineToFive, starts } from './test-fixtures.js';

const sunday = (start: string, end: string) => [{ day: 'sun' as const, start, end }];

const JANUARY = ms('2026-01-01T00:00:00Z');

describe('the slot grid', () => {
  it('offers 16 half-hour slots on a 09:00–17:00 day (Europe/Berlin, 08:00Z–16:00Z)', () => {
    const slots = computeSlots(input());
    expect(starts(slots)).toEqual(['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30', '13:00', '13:30', '14:00', '14:30', '15:00', '15:30']);
    expect(slots[0]).toEqual({ start: ms('2026-12-01T08:00:00Z'), end: ms('2026-12-01T08:30:00Z'), hosts: ['alice'] });
  });

  it('steps by the slot interval, and by the duration when there is none', () => {
    expect(computeSlots(input({ eventType: eventType({ slotIntervalMinutes: 15 }) }))).toHaveLength(31);
    const fortyFive = computeSlots(input({ eventType: eventType({ durationMinutes: 45 }) }));
    expect(starts(fortyFive)).toEqual(['08:00', '08:45', '09:30', '10:15', '11:00', '11:45', '12:30', '13:15', '14:00', '14:45']);
  });

  it('aligns the grid to the start of each free interval, whatever range is asked', () => {
    const alice = host('alice', 'Europe/Berlin', {
      schedule: { timeZone: 'Europe/Berlin', weeklyHours: [{ day: 'tue', start: '09:10', end: '11:00' }, { day: 'tue', start: '13:05', end: '14:00' }], overrides: [] },
    });
    expect(starts(computeSlots(input({ hosts: [alice] })))).toEqual(['08:10', '08:40', '09:10', '12:05']);
    expect(starts(computeSlots(input({ hosts: [alice], from: '2026-12-01T08:20:00Z', to: '2026-12-01T12:06:00Z' })))).toEqual(['08:40', '09:10', '12:05']);
  });

  it('refuses a grid that would never advance', () => {
    expect(() => computeSlots(input({ eventType: eventType({ slotIntervalMinutes: 0 }) }))).toThrow(RangeError);
  });

  it('restarts the grid at midnight for hours that run through it, whatever the range', () => {
    const night = host('n', 'UTC', {
      schedule: { timeZone: 'UTC', weeklyHours: [{ day: 'mon', start: '22:00', end: '24:00' }, { day: 'tue', start: '00:00', end: '02:00' }], overrides: [] },
    });
    const slots = (from: string) => starts(computeSlots(input({ hosts: [night], eventType: eventType({ durationMinutes: 45 }), from, to: '2026-12-01T12:00:00Z' })));
    // 23:30 may run past midnight into Tuesday's hours; Tuesday's own grid starts at 00:00.
    expect(slots('2026-11-30T12:00:00Z')).toEqual(['22:00', '22:45', '23:30', '00:00', '00:45']);
    expect(slots('2026-12-01T00:00:00Z')).toEqual(['00:00', '00:45']);
  });

  it('reads hours in the zone on both sides of UTC and at odd offsets', () => {
    const first = (timeZone: string, from = '2026-12-01T00:00:00Z') =>
      starts(computeSlots(input({ hosts: [host('h', timeZone)], from, to: '2026-12-02T12:00:00Z' })), true)[0];
    expect(first('Asia/Kathmandu')).toBe('2026-12-01T03:15');
    expect(first('America/Los_Angeles', '2026-12-01T08:00:00Z')).toBe('2026-12-01T17:00');
    expect(first('America/Sao_Paulo')).toBe('2026-12-01T12:00');
    expect(first('Pacific/Kiritimati', '2026-11-30T12:00:00Z')).toBe('2026-11-30T19:00');
  });

  it('offers the real hours of DST days: two on Berlin\'s spring 01:00–04:00, four in autumn', () => {
    const berlin = (weeklyHours: ReturnType<typeof sunday>) => host('h', 'Europe/Berlin', { schedule: { timeZone: 'Europe/Berlin', weeklyHours, overrides: [] } });
    const hourly = eventType({ durationMinutes: 60 });
    const spring = computeSlots(input({ now: JANUARY, eventType: hourly, hosts: [berlin(sunday('01:00', '04:00'))], from: '2026-03-28T12:00:00Z', to: '2026-03-29T12:00:00Z' }));
    expect(starts(spring, true)).toEqual(['2026-03-29T00:00', '2026-03-29T01:00']);
    const autumn = computeSlots(input({ now: JANUARY, eventType: hourly, hosts: [berlin(sunday('01:00', '04:00'))], from: '2026-10-24T12:00:00Z', to: '2026-10-25T12:00:00Z' }));
    expect(starts(autumn, true)).toEqual(['2026-10-24T23:00', '2026-10-25T00:00', '2026-10-25T01:00', '2026-10-25T02:00']);
  });

  it('handles New York\'s autumn night and Lord Howe\'s half-hour spring change', () => {
    const ny = host('h', 'America/New_York', { schedule: { timeZone: 'America/New_York', weeklyHours: sunday('00:00', '04:00'), overrides: [] } });
    const nyAutumn = computeSlots(input({ now: JANUARY, eventType: eventType({ durationMinutes: 60 }), hosts: [ny], from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' }));
    expect(starts(nyAutumn)).toEqual(['04:00', '05:00', '06:00', '07:00', '08:00']);
    const lh = host('h', 'Australia/Lord_Howe', { schedule: { timeZone: 'Australia/Lord_Howe', weeklyHours: sunday('01:00', '04:00'), overrides: [] } });
    const lhSpring = computeSlots(input({ now: JANUARY, hosts: [lh], from: '2026-10-03T00:00:00Z', to: '2026-10-04T00:00:00Z' }));
    // 01:00 +10:30 to 04:00 +11: two and a half hours.
    expect(starts(lhSpring, true)).toEqual(['2026-10-03T14:30', '2026-10-03T15:00', '2026-10-03T15:30', '2026-10-03T16:00', '2026-10-03T16:30']);
  });
});

describe('bookings and buffers', () => {
  const withBooking = (et = eventType(), ...bookings: ReturnType<typeof booking>[]) =>
    starts(computeSlots(input({ eventType: et, hosts: [host('alice', 'Europe/Berlin', { bookings })] }))).filter((s) => s >= '10:00' && s <= '12:30');
  const noon = (o = {}) => booking('2026-12-01T11:00:00Z', '2026-12-01T12:00:00Z', { eventTypeId: 7, ...o });

  it('removes the slots a booking overlaps, and only those', () => {
    expect(withBooking(eventType(), noon())).toEqual(['10:00', '10:30', '12:00', '12:30']);
  });
  it('keeps the new meeting out of its own buffers around the booking', () => {
    expect(withBooking(eventType({ afterBufferMinutes: 15 }), noon())).toEqual(['10:00', '12:00', '12:30']);
    expect(withBooking(eventType({ beforeBufferMinutes: 15 }), noon())).toEqual(['10:00', '10:30', '12:30']);
  });
  it('keeps the new meeting out of the booking\'s buffers', () => {
    expect(withBooking(eventType(), noon({ afterBufferMinutes: 30 }))).toEqual(['10:00', '10:30', '12:30']);
    expect(withBooking(eventType(), noon({ beforeBufferMinutes: 30 }))).toEqual(['10:00', '12:00', '12:30']);
    expect(withBooking(eventType(), noon({ beforeBufferMinutes: 31 }))).toEqual(['12:00', '12:30']);
  });
  it('lets buffers overlap each other', () => {
    expect(withBooking(eventType({ beforeBufferMinutes: 30, afterBufferMinutes: 30 }), noon({ beforeBufferMinutes: 30, afterBufferMinutes: 30 }))).toEqual(['10:00', '12:30']);
  });
  it('lets buffers fall outside working hours, while a booking outside them still pushes the first slot', () => {
    const buffered = eventType({ beforeBufferMinutes: 30, afterBufferMinutes: 30 });
    expect(starts(computeSlots(input({ eventType: buffered }))).slice(0, 1)).toEqual(['08:00']);
    expect(starts(computeSlots(input({ eventType: buffered }))).at(-1)).toBe('15:30');
    const early = host('alice', 'Europe/Berlin', { bookings: [booking('2026-12-01T07:00:00Z', '2026-12-01T07:45:00Z', { eventTypeId: null })] });
    expect(starts(computeSlots(input({ eventType: buffered, hosts: [early] }))).slice(0, 1)).toEqual(['08:30']);
  });
});

describe('policies', () => {
  it('honours minimum notice from now', () => {
    const slots = computeSlots(input({ now: ms('2026-12-01T08:10:00Z'), eventType: eventType({ minimumNoticeMinutes: 60 }) }));
    expect(starts(slots)[0]).toBe('09:30');
    expect(starts(computeSlots(input({ now: ms('2026-12-01T15:00:00Z') })))).toEqual(['15:00', '15:30']);
  });

  it('ends a rolling window with the Nth day after today in the schedule\'s zone', () => {
    const kiritimati = host('k', 'Pacific/Kiritimati');
    // Now is Tuesday 1 December 02:00 in Kiritimati: one day means through Wednesday.
    const slots = computeSlots(input({ hosts: [kiritimati], now: ms('2026-11-30T12:00:00Z'), eventType: eventType({ durationMinutes: 480, bookingWindow: { type: 'rolling', days: 1 } }), from: '2026-11-30T00:00:00Z', to: '2026-12-10T00:00:00Z' }));
    expect(starts(slots, true)).toEqual(['2026-11-30T19:00', '2026-12-01T19:00']);
  });

  it('keeps a date-range window to its dates (inclusive) in the schedule\'s zone; unlimited has no end', () => {
    const day = eventType({ durationMinutes: 480 });
    const range = computeSlots(input({ eventType: { ...day, bookingWindow: { type: 'range', start: '2026-12-02', end: '2026-12-03' } }, from: '2026-11-30T00:00:00Z', to: '2026-12-07T00:00:00Z' }));
    expect(starts(range, true)).toEqual(['2026-12-02T08:00', '2026-12-03T08:00']);
    expect(computeSlots(input({ eventType: day, from: '2031-06-02T00:00:00Z', to: '2031-06-03T00:00:00Z' }))).toHaveLength(1);
  });

  it('closes a day at its per-day limit, counting only this event type, by the day in the schedule\'s zone', () => {
    const limited = eventType({ durationMinutes: 480, limits: { perDay: 2, perWeek: null } });
    const bookings = [
      booking('2026-11-30T23:30:00Z', '2026-11-30T23:45:00Z'), // Tuesday 00:30 in Berlin
      booking('2026-12-01T16:00:00Z', '2026-12-01T16:30:00Z'),
      booking('2026-12-02T16:00:00Z', '2026-12-02T16:30:00Z', { eventTypeId: 2 }),
    ];
    const slots = computeSlots(input({ eventType: limited, hosts: [host('alice', 'Europe/Berlin', { bookings })], from: '2026-11-30T00:00:00Z', to: '2026-12-03T00:00:00Z' }));
    expect(starts(slots, true)).toEqual(['2026-11-30T08:00', '2026-12-02T08:00']);
  });

  it('closes an ISO week (Monday to Sunday in the schedule\'s zone) at its per-week limit', () => {
    const limited = eventType({ durationMinutes: 480, limits: { perDay: null, perWeek: 2 } });
    const bookings = [booking('2026-11-30T16:00:00Z', '2026-11-30T16:30:00Z'), booking('2026-12-06T22:30:00Z', '2026-12-06T22:45:00Z')]; // Sunday 23:30 Berlin
    const slots = computeSlots(input({ eventType: limited, hosts: [host('alice', 'Europe/Berlin', { bookings })], from: '2026-12-03T00:00:00Z', to: '2026-12-09T00:00:00Z' }));
    expect(starts(slots, true)).toEqual(['2026-12-07T08:00', '2026-12-08T08:00']);
  });
});

describe('seats', () => {
  const seated = eventType({ durationMinutes: 60, slotIntervalMinutes: 30, seats: 3 });
  const around10 = (bookings: ReturnType<typeof booking>[], et = seated) =>
    computeSlots(input({ eventType: et, hosts: [host('alice', 'Europe/Berlin', { bookings })] }))
      .filter((s) => s.start >= ms('2026-12-01T08:00:00Z') && s.start <= ms('2026-12-01T10:30:00Z'))
      .map((s) => [new Date(s.start).toISOString().slice(11, 16), s.seatsLeft]);

  it('keeps a seated slot offered with the seats left, and blocks the times overlapping it', () => {
    const two = [booking('2026-12-01T09:00:00Z', '2026-12-01T10:00:00Z', { attendees: 2 })];
    expect(around10(two)).toEqual([['08:00', 3], ['09:00', 1], ['10:00', 3], ['10:30', 3]]);
    const full = [...two, booking('2026-12-01T09:00:00Z', '2026-12-01T10:00:00Z')];
    expect(around10(full)).toEqual([['08:00', 3], ['10:00', 3], ['10:30', 3]]);
  });

  it('does not share a slot with another event type or a different start', () => {
    expect(around10([booking('2026-12-01T09:00:00Z', '2026-12-01T10:00:00Z', { eventTypeId: 2 })])).toEqual([['08:00', 3], ['10:00', 3], ['10:30', 3]]);
    const clash = [booking('2026-12-01T09:00:00Z', '2026-12-01T10:00:00Z'), booking('2026-12-01T09:30:00Z', '2026-12-01T10:30:00Z')];
    expect(around10(clash)).toEqual([['08:00', 3], ['10:30', 3]]);
  });

  it('still seats people in a booked slot on a day at its limit', () => {
    const limited = { ...seated, limits: { perDay: 1, perWeek: null } };
    const slots = computeSlots(input({ eventType: limited, hosts: [host('alice', 'Europe/Berlin', { bookings: [booking('2026-12-01T09:00:00Z', '2026-12-01T10:00:00Z')] })] }));
    expect(slots.map((s) => [new Date(s.start).toISOString().slice(11, 16), s.seatsLeft])).toEqual([['09:00', 2]]);
  });
});

describe('offeredSlotAt / isSlotOffered', () => {
  const bookings = [booking('2026-12-01T11:00:00Z', '2026-12-01T12:00:00Z')];
  const base = input({ hosts: [host('alice', 'Europe/Berlin', { bookings })] });
  it('answers like computeSlots for offered, taken and off-grid starts', () => {
    expect(offeredSlotAt(base, ms('2026-12-01T10:30:00Z'))).toEqual({ start: ms('2026-12-01T10:30:00Z'), end: ms('2026-12-01T11:00:00Z'), hosts: ['alice'] });
    expect(isSlotOffered(base, ms('2026-12-01T10:30:00Z'))).toEqual(['alice']);
    expect(isSlotOffered(base, ms('2026-12-01T11:30:00Z'))).toBeNull();
    expect(isSlotOffered(base, ms('2026-12-01T10:15:00Z'))).toBeNull();
    expect(isSlotOffered({ ...base, now: ms('2026-12-01T10:31:00Z') }, ms('2026-12-01T10:30:00Z'))).toBeNull();
  });
});
