/**
 * Event-type policies as sets of allowed meeting starts: minimum notice, booking window, and
 * per-day / per-week booking limits, each read in the host's schedule zone.
 */
import type { BookingWindow } from '@openslot/sdk/schemas';
import type { Interval } from './intervals.js';
import { normalizeIntervals } from './intervals.js';
import type { HoldingBooking, SchedulingEventType } from './types.js';
import { MINUTE, dayNumberAt, dayNumberOfDate, startOfDay, weekdayIndex } from './zoned-time.js';

/**
 * The starts the booking window allows, `[start, end)` (infinite ends for `unlimited`):
 * - `rolling`: from now through the end of the Nth day after today, in `timeZone`
 *   (60 days on 2026-11-26 → through 2027-01-25 23:59);
 * - `range`: from the first date's midnight to the end of the last date (inclusive) in `timeZone`.
 */
export function bookingWindowStarts(window: BookingWindow, timeZone: string, now: number): Interval {
  switch (window.type) {
    case 'rolling':
      return { start: -Infinity, end: startOfDay(timeZone, dayNumberAt(timeZone, now) + window.days + 1) };
    case 'range':
      return {
        start: startOfDay(timeZone, dayNumberOfDate(window.start)),
        end: startOfDay(timeZone, dayNumberOfDate(window.end) + 1),
      };
    case 'unlimited':
      return { start: -Infinity, end: Infinity };
  }
}

/** Starts allowed by minimum notice (`start >= now + notice`) and the booking window together. */
export function noticeAndWindowStarts(eventType: SchedulingEventType, timeZone: string, now: number): Interval {
  const window = bookingWindowStarts(eventType.bookingWindow, timeZone, now);
  return { start: Math.max(window.start, now + eventType.minimumNoticeMinutes * MINUTE), end: window.end };
}

/**
 * Starts ruled out by booking limits, normalized: every day (and ISO week, Monday first) of
 * `timeZone` in which the host already has `perDay` (`perWeek`) meetings of this event type.
 * A meeting counts on the day its start falls on. Bookings sharing a seated slot are one meeting,
 * so joining an existing seated slot never exceeds a limit (see `hostAvailability`).
 */
export function limitBlockedStarts(
  bookings: readonly HoldingBooking[],
  eventType: SchedulingEventType,
  timeZone: string,
): Interval[] {
  const { perDay, perWeek } = eventType.limits;
  if (perDay === null && perWeek === null) return [];
  const starts = new Set<number>();
  const perDayCount = new Map<number, number>();
  const perWeekCount = new Map<number, number>();
  for (const booking of bookings) {
    if (booking.eventTypeId !== eventType.id) continue;
    if (eventType.seats !== null) {
      if (starts.has(booking.start)) continue;
      starts.add(booking.start);
    }
    const day = dayNumberAt(timeZone, booking.start);
    const monday = day - weekdayIndex(day);
    perDayCount.set(day, (perDayCount.get(day) ?? 0) + 1);
    perWeekCount.set(monday, (perWeekCount.get(monday) ?? 0) + 1);
  }
  const blocked: Interval[] = [];
  if (perDay !== null) {
    for (const [day, count] of perDayCount) {
      if (count >= perDay) blocked.push({ start: startOfDay(timeZone, day), end: startOfDay(timeZone, day + 1) });
    }
  }
  if (perWeek !== null) {
    for (const [monday, count] of perWeekCount) {
      if (count >= perWeek) blocked.push({ start: startOfDay(timeZone, monday), end: startOfDay(timeZone, monday + 7) });
    }
  }
  return normalizeIntervals(blocked);
}
