/**
 * One host's availability for one event type, as the set of instants at which a meeting may start.
 */
import { busyTimes, conflictsForSeat } from './busy.js';
import {
  type Interval,
  indexContaining,
  intersectIntervals,
  startsThatFit,
  subtractIntervals,
} from './intervals.js';
import { limitBlockedStarts, noticeAndWindowStarts } from './policies.js';
import type { HostInput, SchedulingEventType } from './types.js';
import { freeIntervalsOnDays } from './weekly-hours.js';
import { MINUTE, zonedDays } from './zoned-time.js';

export interface HostAvailability {
  readonly username: string;
  readonly fixed: boolean;
  /** Working time on the whole zone days covering the computed span, normalized. */
  readonly free: Interval[];
  /** The midnights of those days, ascending: where the slot grid restarts. */
  readonly dayStarts: number[];
  /**
   * Starts of new meetings the host can take, normalized: `[s, s + duration)` lies in free time and
   * conflicts with no booking (buffers included), and `s` passes notice, window and limits.
   */
  readonly starts: Interval[];
  /** Starts of existing seated slots the host can still seat someone in → seats left (≥ 1). */
  readonly seatedStarts: ReadonlyMap<number, number>;
}

/**
 * Computes a host's availability over the whole days of its zone that meet `span`.
 * Cost: O(days + b log b) for b bookings, plus a few memoized zone-offset look-ups per day.
 */
export function hostAvailability(
  host: HostInput,
  eventType: SchedulingEventType,
  now: number,
  span: Interval,
): HostAvailability {
  const { timeZone } = host.schedule;
  const duration = eventType.durationMinutes * MINUTE;
  const days = zonedDays(timeZone, span.start, span.end);
  const free = freeIntervalsOnDays(host.schedule, days);
  const busy = busyTimes(host.bookings, eventType);
  const policy = noticeAndWindowStarts(eventType, timeZone, now);
  const allowed = policy.start < policy.end ? [policy] : [];

  const fitting = startsThatFit(subtractIntervals(free, busy.blocked), duration);
  const starts = subtractIntervals(
    intersectIntervals(fitting, allowed),
    limitBlockedStarts(host.bookings, eventType, timeZone),
  );

  const seatedStarts = new Map<number, number>();
  for (const group of busy.seatGroups) {
    const seatsLeft = (eventType.seats ?? 0) - group.attendees;
    const meeting = { start: group.start, end: group.start + duration };
    if (seatsLeft <= 0 || meeting.start < policy.start || meeting.start >= policy.end) continue;
    const within = indexContaining(free, meeting.start);
    if (within < 0 || free[within]!.end < meeting.end) continue;
    if (!conflictsForSeat(busy, group, meeting)) seatedStarts.set(group.start, seatsLeft);
  }

  return {
    username: host.username,
    fixed: host.fixed,
    free,
    dayStarts: days.map((d) => d.start),
    starts,
    seatedStarts,
  };
}
