/** Which bookings the database layer must load for a slot computation. */
import type { Interval } from './intervals.js';
import type { SchedulingEventType } from './types.js';
import { DAY, MINUTE, dayNumberAt, startOfDay, weekdayIndex } from './zoned-time.js';

/** The schema's largest buffer: no booking's buffer reaches further than this. */
const MAX_BUFFER = 24 * 60 * MINUTE;

/**
 * The window of instants whose holding bookings can affect slots starting in `range`: load every
 * holding booking of the hosts with `booking.end > window.start && booking.start < window.end`.
 *
 * It covers bookings whose span plus buffers (either side's, up to the schema's 24 h) reaches a
 * meeting starting in `range`, and, when the event type has limits, every booking starting in a
 * day (`perDay`) or ISO week (`perWeek`) of a slot in `range` in the hosts' `timeZones` (when the
 * zones are not given, a margin that covers any zone). Loading more is harmless.
 */
export function bookingsQueryWindow(
  range: Interval,
  eventType: Pick<SchedulingEventType, 'durationMinutes' | 'limits'>,
  timeZones?: readonly string[],
): Interval {
  let start = range.start - MAX_BUFFER;
  let end = range.end + eventType.durationMinutes * MINUTE + MAX_BUFFER;
  const { perDay, perWeek } = eventType.limits;
  if (perDay === null && perWeek === null) return { start, end };
  if (!timeZones || timeZones.length === 0) {
    const margin = perWeek !== null ? 8 * DAY : 2 * DAY;
    return { start: Math.min(start, range.start - margin), end: Math.max(end, range.end + margin) };
  }
  for (const zone of new Set(timeZones)) {
    let first = dayNumberAt(zone, range.start);
    let last = dayNumberAt(zone, range.end - 1);
    if (perWeek !== null) {
      first -= weekdayIndex(first);
      last += 6 - weekdayIndex(last);
    }
    start = Math.min(start, startOfDay(zone, first));
    end = Math.max(end, startOfDay(zone, last + 1));
  }
  return { start, end };
}
