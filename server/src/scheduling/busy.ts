/**
 * Busy time from holding bookings, with buffers: no meeting may lie within another's before- or
 * after-buffer, while buffers may overlap each other and fall outside working hours.
 */
import { type Interval, normalizeIntervals, overlapsAny } from './intervals.js';
import type { HoldingBooking, SchedulingEventType } from './types.js';
import { MINUTE } from './zoned-time.js';

type Buffers = Pick<SchedulingEventType, 'beforeBufferMinutes' | 'afterBufferMinutes'>;

/**
 * The span a new meeting (with `buffers`) must not overlap because of `booking`:
 * `[B.start - max(bB, aM), B.end + max(aB, bM))`. A meeting M conflicts with B exactly when
 * `M.start < B.end + max(aB, bM)` and `M.end > B.start - max(bB, aM)`.
 */
export function blockedSpan(booking: HoldingBooking, buffers: Buffers): Interval {
  return {
    start: booking.start - Math.max(booking.beforeBufferMinutes, buffers.afterBufferMinutes) * MINUTE,
    end: booking.end + Math.max(booking.afterBufferMinutes, buffers.beforeBufferMinutes) * MINUTE,
  };
}

/** Bookings of a seated event type that start at the same instant: one meeting, several attendees. */
export interface SeatGroup {
  readonly start: number;
  readonly attendees: number;
  /** The union of its bookings' blocked spans (one interval: they all contain `start`). */
  readonly span: Interval;
}

export interface BusyTimes {
  /** Blocked spans of every booking, seat groups included, normalized. */
  readonly blocked: Interval[];
  /** Blocked spans of the bookings in no seat group, normalized. */
  readonly blockedOutsideGroups: Interval[];
  /** Seat groups of this event type, by start. Empty unless the event type has seats. */
  readonly seatGroups: SeatGroup[];
  /** Seat-group spans sorted by start, with running maxima of their ends, for `blocksOtherGroup`. */
  readonly groupIndex: GroupIndex;
}

interface GroupIndex {
  readonly spanStarts: number[];
  /** For the first k spans (by start): the largest end, the group holding it, and the second largest end. */
  readonly maxEnd: number[];
  readonly maxEndGroup: SeatGroup[];
  readonly secondEnd: number[];
}

/** Busy time of one host for a meeting of `eventType`. O(n log n) in the bookings. */
export function busyTimes(bookings: readonly HoldingBooking[], eventType: SchedulingEventType): BusyTimes {
  const outside: Interval[] = [];
  const groups = new Map<number, { attendees: number; start: number; end: number }>();
  for (const booking of bookings) {
    const span = blockedSpan(booking, eventType);
    if (eventType.seats === null || booking.eventTypeId !== eventType.id) {
      outside.push(span);
      continue;
    }
    const group = groups.get(booking.start);
    if (group) {
      group.attendees += booking.attendees;
      group.start = Math.min(group.start, span.start);
      group.end = Math.max(group.end, span.end);
    } else groups.set(booking.start, { attendees: booking.attendees, start: span.start, end: span.end });
  }
  const seatGroups: SeatGroup[] = [...groups]
    .map(([start, g]) => ({ start, attendees: g.attendees, span: { start: g.start, end: g.end } }))
    .sort((a, b) => a.start - b.start);
  const blockedOutsideGroups = normalizeIntervals(outside);
  const blocked = seatGroups.length
    ? normalizeIntervals([...outside, ...seatGroups.map((g) => g.span)])
    : blockedOutsideGroups;
  return { blocked, blockedOutsideGroups, seatGroups, groupIndex: indexGroups(seatGroups) };
}

function indexGroups(groups: readonly SeatGroup[]): GroupIndex {
  const bySpan = [...groups].sort((a, b) => a.span.start - b.span.start);
  const index: GroupIndex = { spanStarts: [], maxEnd: [], maxEndGroup: [], secondEnd: [] };
  let first = -Infinity;
  let firstGroup: SeatGroup | undefined;
  let second = -Infinity;
  for (const g of bySpan) {
    if (g.span.end > first) {
      second = first;
      first = g.span.end;
      firstGroup = g;
    } else if (g.span.end > second) second = g.span.end;
    index.spanStarts.push(g.span.start);
    index.maxEnd.push(first);
    index.maxEndGroup.push(firstGroup!);
    index.secondEnd.push(second);
  }
  return index;
}

/**
 * Whether `meeting`, taking a seat in `own`, conflicts with anything but its own seat group: the
 * group's bookings do not block their own slot, yet block other overlapping times as usual. O(log n).
 */
export function conflictsForSeat(busy: BusyTimes, own: SeatGroup, meeting: Interval): boolean {
  if (overlapsAny(busy.blockedOutsideGroups, meeting)) return true;
  const { spanStarts, maxEnd, maxEndGroup, secondEnd } = busy.groupIndex;
  let lo = 0;
  let hi = spanStarts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spanStarts[mid]! < meeting.end) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return false; // no group span starts before the meeting ends
  const end = maxEndGroup[lo - 1] === own ? secondEnd[lo - 1]! : maxEnd[lo - 1]!;
  return end > meeting.start;
}
