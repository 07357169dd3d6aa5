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
import { DAY, MINUTE, type ZonedDay, zonedDays } from './zoned-time.js';

export interface HostAvailability {
  readonly username: string;
  readonly fixed: boolean;
  /** Working time on the whole zone days covering the computed span, normalized. */
  readonly free: Interval[];
  /** The midnights of the host's zone at which it is free, ascending: a slot grid running through one restarts there. */
  readonly gridRestarts: number[];
  /**
   * Starts of new meetings the host can take, normalized: `[s, s + duration)` lies in free time and
   * conflicts with no booking (buffers included), and `s` passes notice, window and limits.
   */
  readonly starts: Interval[];
  /** Starts of existing seated slots the host can still seat someone in → seats left (≥ 1). */
  readonly seatedStarts: ReadonlyMap<number, number>;
}

// No booking further than this from the span can matter: buffers are at most a day (schema), and a
// limit counts the ISO week of a slot, which starts less than 8 days before it.
const RELEVANCE = 8 * DAY;

/**
 * Computes a host's availability over the whole days of its zone that meet `span` (`days`, when
 * given, must be `zonedDays` of the host's zone over `span`: hosts in one zone share them).
 * Cost: O(days + b log b) for b bookings, plus a few memoized zone-offset look-ups per day.
 */
export function hostAvailability(
  host: HostInput,
  eventType: SchedulingEventType,
  now: number,
  span: Interval,
  days: readonly ZonedDay[] = zonedDays(host.schedule.timeZone, span.start, span.end),
): HostAvailability {
  const { timeZone } = host.schedule;
  const duration = eventType.durationMinutes * MINUTE;
  const free = freeIntervalsOnDays(host.schedule, days);
  const bookings = host.bookings.filter((b) => b.end > span.start - RELEVANCE && b.start < span.end + RELEVANCE);
  const busy = busyTimes(bookings, eventType);
  const policy = noticeAndWindowStarts(eventType, timeZone, now);
  const allowed = policy.start < policy.end ? [policy] : [];

  const fitting = startsThatFit(subtractIntervals(free, busy.blocked), duration);
  const starts = subtractIntervals(
    intersectIntervals(fitting, allowed),
    limitBlockedStarts(bookings, eventType, timeZone),
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
    gridRestarts: midnightsInside(free, days),
    starts,
    seatedStarts,
  };
}

/** The day starts that lie in normalized `free` (an interval starting there counts). Linear. */
function midnightsInside(free: readonly Interval[], days: readonly ZonedDay[]): number[] {
  const out: number[] = [];
  let i = 0;
  for (const { start } of days) {
    while (i < free.length && free[i]!.end <= start) i++;
    if (i < free.length && free[i]!.start <= start && out.at(-1) !== start) out.push(start);
  }
  return out;
}
