/** Builders for the scheduling tests (kept out of the public index). */
import type { WeeklyHoursEntry } from '@openslot/sdk/schemas';
import type { AvailabilityInput, ComputedSlot, HoldingBooking, HostInput, SchedulingEventType } from './types.js';

export const WORKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
export const nineToFive: WeeklyHoursEntry[] = WORKDAYS.map((day) => ({ day, start: '09:00', end: '17:00' }));

export const ms = (iso: string): number => Date.parse(iso);

export function eventType(overrides: Partial<SchedulingEventType> = {}): SchedulingEventType {
  return {
    id: 1,
    durationMinutes: 30,
    slotIntervalMinutes: null,
    minimumNoticeMinutes: 0,
    beforeBufferMinutes: 0,
    afterBufferMinutes: 0,
    bookingWindow: { type: 'unlimited' },
    limits: { perDay: null, perWeek: null },
    seats: null,
    ...overrides,
  };
}

export function booking(start: string, end: string, overrides: Partial<HoldingBooking> = {}): HoldingBooking {
  return { start: ms(start), end: ms(end), eventTypeId: 1, beforeBufferMinutes: 0, afterBufferMinutes: 0, attendees: 1, ...overrides };
}

export function host(username: string, timeZone: string, overrides: Partial<HostInput> = {}): HostInput {
  return { username, fixed: false, schedule: { timeZone, weeklyHours: nineToFive, overrides: [] }, bookings: [], ...overrides };
}

export function input(overrides: Partial<AvailabilityInput> & { from?: string; to?: string } = {}): AvailabilityInput {
  const { from = '2026-12-01T00:00:00Z', to = '2026-12-02T00:00:00Z', ...rest } = overrides;
  return {
    range: { start: ms(from), end: ms(to) },
    now: ms('2026-11-26T10:40:00Z'),
    eventType: eventType(),
    schedulingType: null,
    hosts: [host('alice', 'Europe/Berlin')],
    ...rest,
  };
}

/** Slot starts as `HH:MM` UTC (or full ISO when `full`), for compact expectations. */
export const starts = (slots: readonly ComputedSlot[], full = false): string[] =>
  slots.map((s) => new Date(s.start).toISOString().slice(full ? 0 : 11, 16));
