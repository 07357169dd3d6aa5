/** Which bookings the database layer must load for a slot computation. */
import type { Interval } from './intervals.js';
import type { SchedulingEventType } from './types.js';
import { DAY, MINUTE } from './zoned-time.js';

/** The schema's largest buffer: no booking's buffer reaches further than this. */
const MAX_BUFFER = 24 * 60 * MINUTE;

/**
 * The window of instants whose holding bookings can affect slots starting in `range`: load every
 * holding booking of the hosts with `booking.end > window.start && booking.start < window.end`.
 *
 * It covers bookings whose span plus buffers (either side's, up to the schema's 24 h) reaches a
 * meeting starting in `range`, and, when the event type has limits, every booking starting on the
 * same day (`perDay`) or ISO week (`perWeek`) as a slot in `range` in any time zone: a zone's day
 * or week starts at most a day off UTC's, so margins of 2 and 8 days cover every schedule without
 * knowing its zone. Loading a little more is harmless.
 */
export function bookingsQueryWindow(
  range: Interval,
  eventType: Pick<SchedulingEventType, 'durationMinutes' | 'limits'>,
): Interval {
  const { perDay, perWeek } = eventType.limits;
  const limitMargin = perWeek !== null ? 8 * DAY : perDay !== null ? 2 * DAY : 0;
  return {
    start: range.start - Math.max(MAX_BUFFER, limitMargin),
    end: Math.max(range.end + eventType.durationMinutes * MINUTE + MAX_BUFFER, range.end + limitMargin),
  };
}
