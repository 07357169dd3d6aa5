import type { DateOverride, WeeklyHoursEntry } from '@openslot/sdk/schemas';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { computeSlots, offeredSlotAt } from './slots.js';
import type { AvailabilityInput, ComputedSlot, HoldingBooking, HostInput, SchedulingEventType } from './types.js';

const MIN = 60_000;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'America/Sao_Paulo', 'UTC'];
// Days just before DST changes in the zones above, and an ordinary week.
const BASES = ['2026-03-27', '2026-10-23', '2026-04-03', '2026-10-02', '2026-11-30', '2026-03-07', '2026-10-30'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const wall = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const arbRange = fc.tuple(fc.integer({ min: 0, max: 94 }), fc.integer({ min: 1, max: 24 })).map(([q, len]) => ({
  start: wall(q * 15),
  end: wall(Math.min(96, q + len) * 15),
}));
const arbWeekly: fc.Arbitrary<WeeklyHoursEntry[]> = fc.array(
  fc.tuple(fc.constantFrom(...DAYS), arbRange).map(([day, r]) => ({ day, ...r })),
  { maxLength: 10 },
);
const arbOverrides = (base: string): fc.Arbitrary<DateOverride[]> =>
  fc.array(
    fc.tuple(fc.integer({ min: 0, max: 4 }), fc.array(arbRange, { maxLength: 2 })).map(([k, ranges]) => ({
      date: DateTime.fromISO(base, { zone: 'UTC' }).plus({ days: k }).toISODate()!,
      ranges,
    })),
    { maxLength: 3 },
  );
const arbBookings = (from: number): fc.Arbitrary<HoldingBooking[]> =>
  fc.array(
    fc
      .record({
        at: fc.integer({ min: -4 * 24, max: 6 * 4 * 24 }).map((q) => q * 15),
        length: fc.integer({ min: 15, max: 180 }),
        eventTypeId: fc.constantFrom(1, 1, 2, null),
        beforeBufferMinutes: fc.constantFrom(0, 0, 10, 30, 60),
        afterBufferMinutes: fc.constantFrom(0, 0, 15, 45),
        attendees: fc.integer({ min: 1, max: 3 }),
      })
      .map(({ at, length, ...rest }) => ({ start: from + at * MIN, end: from + (at + length) * MIN, ...rest })),
    { maxLength: 10 },
  );
const arbEventType = (base: string): fc.Arbitrary<SchedulingEventType> =>
  fc.record({
    id: fc.constant(1),
    durationMinutes: fc.constantFrom(15, 30, 45, 60, 90, 25, 50),
    slotIntervalMinutes: fc.constantFrom(null, 15, 20, 30, 60, 35),
    minimumNoticeMinutes: fc.constantFrom(0, 0, 90, 1500),
    beforeBufferMinutes: fc.constantFrom(0, 0, 15, 30),
    afterBufferMinutes: fc.constantFrom(0, 0, 10, 60),
    bookingWindow: fc.oneof(
      fc.constant({ type: 'unlimited' as const }),
      fc.integer({ min: 1, max: 4 }).map((days) => ({ type: 'rolling' as const, days })),
      fc.constant({ type: 'range' as const, start: base, end: DateTime.fromISO(base).plus({ days: 2 }).toISODate()! }),
    ),
    limits: fc.record({ perDay: fc.constantFrom(null, null, 1, 2), perWeek: fc.constantFrom(null, null, 2, 4) }),
    seats: fc.constantFrom(null, null, 1, 3),
  });
const arbHost = (username: string, base: string, from: number): fc.Arbitrary<HostInput> =>
  fc.record({
    username: fc.constant(username),
    fixed: fc.boolean(),
    schedule: fc.record({ timeZone: fc.constantFrom(...ZONES), weeklyHours: arbWeekly, overrides: arbOverrides(base) }),
    bookings: arbBookings(from),
  });
const arbInput = (hostCount: number): fc.Arbitrary<AvailabilityInput> =>
  fc.constantFrom(...BASES).chain((base) => {
    const from = Date.parse(`${base}T00:00:00Z`);
    return fc.record({
      range: fc.tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 120 })).map(([h, len]) => ({
        start: from + h * 30 * MIN,
        end: from + (h * 30 + len * 30) * MIN,
      })),
      now: fc.integer({ min: -3 * 24 * 60, max: 24 * 60 }).map((m) => from + m * MIN + 7_777),
      eventType: arbEventType(base),
      schedulingType: fc.constantFrom(null, 'collective' as const, 'round_robin' as const),
      hosts: fc.tuple(...Array.from({ length: hostCount }, (_, k) => arbHost(`h${k}`, base, from))),
    });
  });

/**
 * Independent oracle for a wall time on a date, read as the SPEC says (RFC 5545): a time a DST
 * change repeats is its first occurrence, a skipped one takes the offset before the gap. Luxon
 * gives the offsets either side; the candidate instants whose local reading matches are the
 * occurrences.
 */
function instantOf(zone: string, date: string, minutes: number): number {
  const naive = Date.parse(`${date}T00:00:00Z`) + minutes * MIN;
  const offsetAt = (t: number) => DateTime.fromMillis(t, { zone }).offset;
  const before = offsetAt(naive - 12 * 60 * MIN);
  const after = offsetAt(naive + 12 * 60 * MIN);
  const reads = (t: number) => DateTime.fromMillis(t, { zone }).toISO({ includeOffset: false })!.slice(0, 16) === new Date(naive).toISOString().slice(0, 16);
  const occurrences = [...new Set([before, after])].map((offset) => naive - offset * MIN).filter(reads);
  return occurrences.length > 0 ? Math.min(...occurrences) : naive - before * MIN;
}

/** Is `t` inside one of the host's ranges for its local date, each range's ends read as above? */
function worksAt(host: HostInput, t: number): boolean {
  const zone = host.schedule.timeZone;
  const local = DateTime.fromMillis(t, { zone });
  const date = local.toISODate()!;
  const overrides = host.schedule.overrides.filter((o) => o.date === date);
  const ranges = overrides.length
    ? overrides.flatMap((o) => o.ranges)
    : host.schedule.weeklyHours.filter((w) => w.day === DAYS[local.weekday - 1]);
  const toMin = (w: string) => Number(w.slice(0, 2)) * 60 + Number(w.slice(3));
  return ranges.some((r) => instantOf(zone, date, toMin(r.start)) <= t && t < instantOf(zone, date, toMin(r.end)));
}

const conflicts = (slot: ComputedSlot, b: HoldingBooking, et: SchedulingEventType) =>
  slot.start < b.end + Math.max(b.afterBufferMinutes, et.beforeBufferMinutes) * MIN &&
  slot.end > b.start - Math.max(b.beforeBufferMinutes, et.afterBufferMinutes) * MIN;
const sharesSeat = (slot: ComputedSlot, b: HoldingBooking, et: SchedulingEventType) =>
  et.seats !== null && b.eventTypeId === et.id && b.start === slot.start;

describe('slot properties (single host)', () => {
  it('every slot lies in range, after notice, inside working time, and clear of every booking and buffer', () => {
    fc.assert(
      fc.property(arbInput(1), (input) => {
        const slots = computeSlots({ ...input, schedulingType: null });
        const host = input.hosts[0]!;
        const et = input.eventType;
        for (const [k, slot] of slots.entries()) {
          expect(slot.start).toBeGreaterThanOrEqual(input.range.start);
          expect(slot.start).toBeLessThan(input.range.end);
          expect(slot.start).toBeGreaterThanOrEqual(input.now + et.minimumNoticeMinutes * MIN);
          expect(slot.end - slot.start).toBe(et.durationMinutes * MIN);
          if (k > 0) expect(slot.start).toBeGreaterThan(slots[k - 1]!.start);
          for (const b of host.bookings) {
            if (!sharesSeat(slot, b, et)) expect(conflicts(slot, b, et)).toBe(false);
          }
          if (et.seats !== null) {
            const taken = host.bookings.filter((b) => sharesSeat(slot, b, et)).reduce((n, b) => n + b.attendees, 0);
            expect(slot.seatsLeft).toBe(et.seats - taken);
            expect(slot.seatsLeft).toBeGreaterThan(0);
          } else expect(slot.seatsLeft).toBeUndefined();
        }
        // The wall-clock oracle is slower: check a spread of slots, every 15 minutes inside each.
        for (let k = 0; k < slots.length; k += Math.max(1, Math.floor(slots.length / 12))) {
          for (let t = slots[k]!.start; t < slots[k]!.end; t += 15 * MIN) expect(worksAt(host, t)).toBe(true);
          expect(worksAt(host, slots[k]!.end - 1)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('respects per-day limits and the booking window, read with luxon in the schedule\'s zone', () => {
    fc.assert(
      fc.property(arbInput(1), (input) => {
        const et = input.eventType;
        const host = input.hosts[0]!;
        const zone = host.schedule.timeZone;
        const dayOf = (t: number) => DateTime.fromMillis(t, { zone }).toISODate();
        for (const slot of computeSlots(input)) {
          const joining = host.bookings.some((b) => sharesSeat(slot, b, et));
          if (et.limits.perDay !== null && !joining) {
            const meetings = new Set(host.bookings.filter((b) => b.eventTypeId === et.id && dayOf(b.start) === dayOf(slot.start)).map((b) => (et.seats === null ? b : b.start)));
            expect(meetings.size).toBeLessThan(et.limits.perDay);
          }
          const window = et.bookingWindow;
          if (window.type === 'rolling') {
            const last = DateTime.fromMillis(input.now, { zone }).plus({ days: window.days }).toISODate()!;
            expect(dayOf(slot.start)! <= last).toBe(true);
          } else if (window.type === 'range') {
            expect(dayOf(slot.start)! >= window.start && dayOf(slot.start)! <= window.end).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('does not depend on the order of hours, overrides and bookings, nor on the range beyond it', () => {
    fc.assert(
      fc.property(arbInput(1), fc.integer({ min: 0, max: 1000 }), (input, seed) => {
        const shuffle = <T>(list: readonly T[]) => list.map((x, k) => [((k + 1) * 7919 * (seed + 1)) % 104_729, x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
        const [host] = input.hosts;
        const shuffled = {
          ...input,
          hosts: [{ ...host!, schedule: { ...host!.schedule, weeklyHours: shuffle(host!.schedule.weeklyHours), overrides: shuffle(host!.schedule.overrides) }, bookings: shuffle(host!.bookings) }],
        };
        const slots = computeSlots(input);
        expect(computeSlots(shuffled)).toEqual(slots);
        // Any slot, and any grid-looking instant, answers the same when asked alone.
        const probes = [slots[0], slots[slots.length >> 1], slots.at(-1)].filter((s) => s !== undefined);
        for (const slot of probes) expect(offeredSlotAt(input, slot.start)).toEqual(slot);
        const t = input.range.start + (seed % 96) * 15 * MIN;
        if (t < input.range.end) expect(offeredSlotAt(input, t)).toEqual(slots.find((s) => s.start === t) ?? null);
      }),
      { numRuns: 120 },
    );
  });
});

describe('slot properties (teams)', () => {
  const alone = (input: AvailabilityInput, host: HostInput) =>
    new Map(computeSlots({ ...input, schedulingType: null, hosts: [host], eventType: { ...input.eventType, slotIntervalMinutes: 1 } }).map((s) => [s.start, s]));

  it('a collective slot is one each host could take alone; a round-robin slot lists exactly the free hosts', () => {
    fc.assert(
      fc.property(arbInput(3), (input) => {
        const byHost = input.hosts.map((h) => alone(input, h));
        for (const slot of computeSlots({ ...input, schedulingType: 'collective' })) {
          expect(slot.hosts).toEqual(input.hosts.map((h) => h.username));
          for (const own of byHost) {
            expect(own.has(slot.start)).toBe(true);
            if (slot.seatsLeft !== undefined) expect(own.get(slot.start)!.seatsLeft).toBeGreaterThanOrEqual(slot.seatsLeft);
          }
        }
        for (const slot of computeSlots({ ...input, schedulingType: 'round_robin' })) {
          const free = input.hosts.filter((_, k) => byHost[k]!.has(slot.start)).map((h) => h.username);
          expect(slot.hosts).toEqual(free);
          for (const h of input.hosts) if (h.fixed) expect(free).toContain(h.username);
          expect(input.hosts.some((h) => !h.fixed) ? input.hosts.some((h) => !h.fixed && free.includes(h.username)) : true).toBe(true);
        }
      }),
      { numRuns: 80 },
    );
  });
});
